// Records time on a content item, remembers the media position, and marks the item
// complete. Reads everything from data attributes on [data-progress].
//
// Time counts while the learner is really there: media playing, or the page visible and
// in focus. It is summed here and sent once a minute of it has built up, and at once on
// pause, end, seek, when the tab is hidden and when the page goes away (the last with
// fetch keepalive, which outlives the page and, unlike sendBeacon, carries the CSRF
// header). Crossing the completion threshold sends at once, one time. The server credits
// no more than the wall time that passed since the learner's last credit (docs/progress.md).
(function () {
  "use strict";

  var root = document.querySelector("[data-progress]");
  if (!root || root.dataset.tracking !== "on") return;

  var PING_INTERVAL_MS = 60000;
  var MAX_SECONDS = 300;
  var COMPLETION_RATIO = 0.9;
  var heartbeatUrl = root.dataset.heartbeatUrl;
  var completeUrl = root.dataset.completeUrl;
  var stateLine = root.querySelector("[data-progress-state]");
  var completeButton = root.querySelector("[data-progress-complete]");
  var media = document.querySelector("[data-media] video, [data-media] audio, video[data-media], audio[data-media], main video, main audio");
  var pendingMs = 0; // viewing time not yet sent
  var activeSince = null; // when the current stretch of viewing began
  var thresholdSent = root.dataset.completed === "true";
  // Until the saved position is applied, the media reads 0: sending that would lose it.
  var positionKnown = false;

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
      if (response.ok) return response.json();
      // null: worth sending again later (busy or failing server); false: refused for good.
      return response.status === 429 || response.status >= 500 ? null : false;
    });
  }

  function showCompleted() {
    root.dataset.completed = "true";
    if (completeButton) completeButton.hidden = true;
    if (stateLine && completeButton) stateLine.textContent = completeButton.dataset.doneLabel;
  }

  function mediaPlaying() {
    return !!media && !media.paused && !media.ended && media.readyState > 2;
  }

  function viewing() {
    return mediaPlaying() || (document.visibilityState === "visible" && document.hasFocus());
  }

  // Move the time of the stretch under way into pendingMs, and start or end a stretch.
  function settle() {
    var now = Date.now();
    if (activeSince !== null) pendingMs += now - activeSince;
    activeSince = viewing() ? now : null;
  }

  function mediaData() {
    if (!media || !positionKnown || !isFinite(media.currentTime)) return null;
    return { position: Math.round(media.currentTime * 10) / 10 };
  }

  function send(keepalive) {
    settle();
    var seconds = Math.min(MAX_SECONDS, Math.floor(pendingMs / 1000));
    var data = mediaData();
    if (seconds < 1 && !data) return;
    pendingMs -= seconds * 1000; // the fraction of a second waits for the next ping
    var body = { seconds: seconds };
    if (data) body.progress_data = data;
    post(heartbeatUrl, body, keepalive).then(function (result) {
      if (result === null) pendingMs += seconds * 1000;
      else if (result && (result.completed_now || result.progress.is_completed)) showCompleted();
    }, function () { pendingMs += seconds * 1000; });
  }

  window.setInterval(function () {
    settle();
    if (pendingMs >= PING_INTERVAL_MS) send(false);
  }, 1000);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") send(true); else settle();
  });
  window.addEventListener("pagehide", function () { send(true); });
  window.addEventListener("focus", settle);
  window.addEventListener("blur", settle);

  if (media) {
    var resumeAt = parseFloat(root.dataset.position || "0");
    var resuming = false;
    var seek = function () {
      if (resumeAt > 0 && resumeAt < (media.duration || Infinity) - 1) {
        resuming = true;
        media.currentTime = resumeAt;
      } else {
        positionKnown = true;
      }
    };
    if (media.readyState >= 1) seek(); else media.addEventListener("loadedmetadata", seek, { once: true });
    media.addEventListener("playing", function () { positionKnown = true; settle(); });
    media.addEventListener("pause", function () { send(false); });
    media.addEventListener("ended", function () { send(false); });
    media.addEventListener("seeked", function () {
      // A file the browser cannot seek in lands back at 0: that is not the learner's place.
      if (!resuming || Math.abs(media.currentTime - resumeAt) < 1) positionKnown = true;
      resuming = false;
      send(false);
    });
    media.addEventListener("timeupdate", function () {
      if (!thresholdSent && media.duration > 0 && media.currentTime >= COMPLETION_RATIO * media.duration) {
        thresholdSent = true;
        send(false);
      }
    });
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

  settle();
})();
