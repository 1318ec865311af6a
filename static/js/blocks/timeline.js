// Timelines: one event in the tab order at a time (roving tabindex); arrows, Home and End move.
(function () {
  "use strict";

  function setUp(timeline) {
    if (timeline.dataset.ready) return;
    timeline.dataset.ready = "true";
    var events = Array.prototype.slice.call(timeline.querySelectorAll("[data-timeline-event]"));

    function moveTo(index) {
      var target = events[Math.max(0, Math.min(events.length - 1, index))];
      events.forEach(function (event) {
        event.tabIndex = event === target ? 0 : -1;
        event.classList.toggle("is-current", event === target);
      });
      target.focus();
      target.scrollIntoView({ block: "nearest", inline: "nearest" });
    }

    events.forEach(function (item, index) {
      item.addEventListener("keydown", function (event) {
        var rtl = getComputedStyle(timeline).direction === "rtl";
        var forward = rtl ? "ArrowLeft" : "ArrowRight";
        var backward = rtl ? "ArrowRight" : "ArrowLeft";
        if (event.key === forward || event.key === "ArrowDown") moveTo(index + 1);
        else if (event.key === backward || event.key === "ArrowUp") moveTo(index - 1);
        else if (event.key === "Home") moveTo(0);
        else if (event.key === "End") moveTo(events.length - 1);
        else return;
        event.preventDefault();
      });
      item.addEventListener("click", function () {
        moveTo(index);
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-timeline]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
