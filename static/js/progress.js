// Records time on a content item while it is visible, remembers the media position,
// and marks the item complete. Reads everything from data attributes on [data-progress].
(function () {
  "use strict";

  var root = document.querySelector("[data-progress]");
  if (!root || root.dataset.tracking !== "on") return;

  var INTERVAL_MS = 15000;
  var MAX_SECONDS = 300;
  var heartbeatUrl = root.dataset.heartbeatUrl;
  var completeUrl = root.dataset.completeUrl;
  var stateLine = root.querySelector("[data-progress-state]");
  var completeButton = root.querySelector("[data-progress-complete]");
  var media = document.querySelector("[data-media] video, [data-media] audio, video[data-media], audio[data-media], main video, main audio");
  var lastBeat = Date.now();
  var timer = null;

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(url, body, keepalive) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: body ? JSON.stringify(body) : "{}",
    }).then(function (response) {
      return response.ok ? response.json() : null;
    });
  }

  function showCompleted() {
    root.dataset.completed = "true";
    if (completeButton) completeButton.hidden = true;
    if (stateLine && completeButton) stateLine.textContent = completeButton.dataset.doneLabel;
  }

  function mediaData() {
    if (!media || !isFinite(media.currentTime)) return null;
    var data = { position: Math.round(media.currentTime * 10) / 10 };
    if (isFinite(media.duration) && media.duration > 0) data.duration = media.duration;
    return data;
  }

  function beat(keepalive) {
    var now = Date.now();
    var seconds = Math.min(MAX_SECONDS, Math.max(0, Math.round((now - lastBeat) / 1000)));
    lastBeat = now;
    var body = { seconds: seconds };
    var data = mediaData();
    if (data) body.progress_data = data;
    return post(heartbeatUrl, body, keepalive).then(function (result) {
      if (result && (result.completed_now || result.progress.is_completed)) showCompleted();
    }, function () {});
  }

  function start() {
    if (timer === null) {
      lastBeat = Date.now();
      timer = window.setInterval(beat, INTERVAL_MS);
    }
  }

  function stop() {
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
      beat(true);
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") start(); else stop();
  });
  window.addEventListener("pagehide", stop);

  if (media) {
    var resumeAt = parseFloat(root.dataset.position || "0");
    var seek = function () {
      if (resumeAt > 0 && resumeAt < (media.duration || Infinity) - 1) media.currentTime = resumeAt;
    };
    if (media.readyState >= 1) seek(); else media.addEventListener("loadedmetadata", seek, { once: true });
    media.addEventListener("pause", function () { beat(false); });
    media.addEventListener("ended", function () { beat(false); });
  }

  if (completeButton) {
    completeButton.addEventListener("click", function () {
      completeButton.disabled = true;
      post(completeUrl).then(function (result) {
        completeButton.disabled = false;
        if (result) showCompleted();
      }, function () { completeButton.disabled = false; });
    });
  }

  if (document.visibilityState === "visible") start();
})();
