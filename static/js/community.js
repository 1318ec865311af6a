// Discussions: reset a form once htmx has posted it, and suggest people after "@".
(() => {
  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-reset-on-success") && event.detail.successful && event.detail.xhr.status === 201) {
      form.reset();
      const preview = form.querySelector(".post-preview");
      if (preview) preview.replaceChildren();
      const menu = form.closest("details");
      if (menu) menu.open = false;
    }
  });

  // The suggestions follow the ARIA combobox pattern on the textarea: ArrowDown and ArrowUp
  // move through the people (aria-activedescendant), Enter or Tab picks the highlighted one,
  // Escape closes the list; a click or tap on a name picks it too.
  const MENTION = /(?:^|\s)@([\w.-]{1,40})$/u;

  function listOf(textarea) {
    return document.getElementById(textarea.getAttribute("aria-controls"));
  }

  function closeList(textarea, list) {
    list.hidden = true;
    list.replaceChildren();
    textarea.removeAttribute("aria-activedescendant");
  }

  function highlight(textarea, list, option) {
    for (const other of list.querySelectorAll("[role=option]")) {
      other.setAttribute("aria-selected", String(other === option));
    }
    if (option) {
      textarea.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      textarea.removeAttribute("aria-activedescendant");
    }
  }

  function pick(textarea, list, handle) {
    const typed = currentMention(textarea);
    if (!typed) return;
    const start = textarea.selectionStart - typed[1].length;
    textarea.setRangeText(`${handle} `, start, textarea.selectionStart, "end");
    closeList(textarea, list);
    textarea.focus();
  }

  let latest = 0;

  function currentMention(textarea) {
    return textarea.value.slice(0, textarea.selectionStart).match(MENTION);
  }

  async function suggest(textarea) {
    const list = listOf(textarea);
    if (!list) return;
    const match = currentMention(textarea);
    if (!match) {
      closeList(textarea, list);
      return;
    }
    const url = new URL(textarea.dataset.mentionsUrl, window.location.origin);
    url.searchParams.set("q", match[1]);
    const asked = ++latest;
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const people = await response.json();
    if (asked !== latest) return; // a later keystroke asked again; its answer wins
    closeList(textarea, list);
    people.forEach((candidate, index) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${index}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.handle = candidate.handle;
      option.textContent = `${candidate.name} (@${candidate.handle})`;
      // Keep the focus (and the caret) in the textarea while the name is clicked.
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => pick(textarea, list, candidate.handle));
      list.append(option);
    });
    list.hidden = people.length === 0;
  }

  document.addEventListener("input", (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.dataset.mentionsUrl) suggest(target);
  });
  document.addEventListener("keydown", (event) => {
    const textarea = event.target;
    if (!(textarea instanceof HTMLTextAreaElement && textarea.dataset.mentionsUrl)) return;
    const list = listOf(textarea);
    if (!list || list.hidden) return;
    const options = [...list.querySelectorAll("[role=option]")];
    const active = list.querySelector("[aria-selected=true]");
    const at = options.indexOf(active);
    if (event.key === "Escape") {
      event.preventDefault();
      closeList(textarea, list);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = at === -1 ? (step === 1 ? 0 : options.length - 1) : (at + step + options.length) % options.length;
      highlight(textarea, list, options[next]);
    } else if ((event.key === "Enter" || event.key === "Tab") && active) {
      event.preventDefault();
      pick(textarea, list, active.dataset.handle);
    }
  });
})();
