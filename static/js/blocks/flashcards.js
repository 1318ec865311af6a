// Flashcard decks: a card is a toggle button; arrow keys move between cards in a deck.
(function () {
  "use strict";

  function turn(card, strings) {
    var showingBack = card.getAttribute("aria-pressed") === "true";
    card.setAttribute("aria-pressed", showingBack ? "false" : "true");
    card.querySelector(".flashcard__front").hidden = !showingBack;
    card.querySelector(".flashcard__back").hidden = showingBack;
    card.querySelector("[data-flashcard-state]").textContent = showingBack
      ? strings.dataset.front
      : strings.dataset.back;
  }

  function setUp(deck) {
    if (deck.dataset.ready) return;
    deck.dataset.ready = "true";
    var strings = deck.querySelector("[data-flashcard-strings]");
    var cards = Array.prototype.slice.call(deck.querySelectorAll("[data-flashcard]"));
    cards.forEach(function (card, index) {
      card.addEventListener("click", function () {
        turn(card, strings);
      });
      card.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowRight" || event.key === "ArrowDown") next = cards[index + 1];
        if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = cards[index - 1];
        if (event.key === "Home") next = cards[0];
        if (event.key === "End") next = cards[cards.length - 1];
        if (next) {
          event.preventDefault();
          next.focus();
        }
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-flashcards]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
