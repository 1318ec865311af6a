// The quiz page: a countdown from the server's time left, autosave of the whole form on
// change and every few seconds (and when the page is hidden), and one submit only.
(function () {
  "use strict";

  var form = document.querySelector("[data-quiz-form]");
  if (!form) return;
  var saveUrl = form.dataset.saveUrl;
  var status = document.querySelector("[data-quiz-status]");
  var submitButton = form.querySelector("[data-quiz-submit]");
  var dirty = false;
  var saving = false;
  var submitting = false;
  var changedWhileSaving = false;

  function save() {
    if (!dirty || saving || submitting) return;
    dirty = false;
    saving = true;
    fetch(saveUrl, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 409) {
          // Submitted elsewhere or time is up: the attempt page shows the result.
          window.location.reload();
          return;
        }
        if (!response.ok) throw new Error(String(response.status));
        // A change made while this save was on its way is not in it: send it now, and
        // say "saved" only once the last change is.
        if (status && !dirty) status.textContent = status.dataset.labelSaved;
      })
      .catch(function () {
        dirty = true;
        if (status) status.textContent = status.dataset.labelFailed;
      })
      .finally(function () {
        saving = false;
        if (changedWhileSaving) { changedWhileSaving = false; save(); }
      });
  }

  // A choice made before this deferred script ran (a quick click as the page appears, or
  // the browser restoring the form on reload) fired no change event here: save it now.
  function changedBeforeLoad() {
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.disabled) return false;
      if (field.type === "radio" || field.type === "checkbox") return field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT") return field.selectedIndex !== defaultIndex(field);
      if (field.tagName === "TEXTAREA" || field.type === "text") return field.value !== field.defaultValue;
      return false;
    });
  }

  // The option a select shows before anyone touches it: the last one marked selected, or
  // the first.
  function defaultIndex(select) {
    var index = 0;
    Array.prototype.forEach.call(select.options, function (option, i) {
      if (option.defaultSelected) index = i;
    });
    return index;
  }

  form.addEventListener("change", function () {
    dirty = true;
    if (saving) changedWhileSaving = true;
    save();
  });
  form.addEventListener("input", function () { dirty = true; });
  window.setInterval(save, 5000);
  if (changedBeforeLoad()) { dirty = true; save(); }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden" && dirty && !submitting) {
      navigator.sendBeacon(saveUrl, new FormData(form));
      dirty = false;
    }
  });

  form.addEventListener("submit", function (event) {
    if (submitting) { event.preventDefault(); return; }
    submitting = true;
    if (submitButton) submitButton.setAttribute("aria-disabled", "true");
  });

  var timer = document.querySelector("[data-quiz-timer]");
  if (!timer) return;
  var clock = timer.querySelector("[data-quiz-timer-clock]");
  var announce = document.querySelector("[data-quiz-announce]");
  var endsAt = performance.now() + Number(timer.dataset.secondsLeft) * 1000;
  var announced = {};
  var MOMENTS = [600, 300, 120, 60, 30, 10];

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = (h && m < 10 ? "0" : "") + m;
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    var left = Math.max(0, Math.round((endsAt - performance.now()) / 1000));
    clock.textContent = format(left);
    timer.classList.toggle("is-low", left <= 60);
    MOMENTS.forEach(function (moment) {
      if (left <= moment && left > moment - 5 && !announced[moment]) {
        announced[moment] = true;
        if (announce) {
          announce.textContent = moment >= 120
            ? Math.round(moment / 60) + " " + announce.dataset.labelMinutes
            : moment + " " + announce.dataset.labelSeconds;
        }
      }
    });
    if (left === 0) {
      window.clearInterval(interval);
      if (announce) announce.textContent = announce.dataset.labelUp;
      if (!submitting) form.requestSubmit(submitButton);
    }
  }

  // Announce the time left once on arrival, then at the moments above.
  if (announce) {
    var start = Number(timer.dataset.secondsLeft);
    announce.textContent = start >= 120
      ? Math.round(start / 60) + " " + announce.dataset.labelMinutes
      : start + " " + announce.dataset.labelSeconds;
  }
  var interval = window.setInterval(tick, 1000);
  tick();
})();
