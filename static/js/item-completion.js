// Shows "Completed" and the undo form as soon as progress.js records a completion (a video
// or audio watched to the end sets data-completed), without waiting for a reload.
(function () {
  "use strict";

  var root = document.querySelector("[data-progress]");
  if (!root) return;
  var state = root.querySelector("[data-progress-state]");
  var completeForm = root.querySelector('[data-completion-form="complete"]');
  var undoForm = root.querySelector('[data-completion-form="uncomplete"]');
  if (!completeForm || !undoForm) return;

  new MutationObserver(function () {
    if (root.dataset.completed !== "true" || completeForm.hidden) return;
    completeForm.hidden = true;
    undoForm.hidden = false;
    if (state) state.textContent = state.dataset.doneLabel;
  }).observe(root, { attributes: true, attributeFilter: ["data-completed"] });
})();
