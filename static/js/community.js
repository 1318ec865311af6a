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

  const MENTION = /(?:^|\s)@([\w.-]{1,40})$/u;

  function closeList(list) {
    list.hidden = true;
    list.replaceChildren();
  }

  let latest = 0;

  function currentMention(textarea) {
    return textarea.value.slice(0, textarea.selectionStart).match(MENTION);
  }

  async function suggest(textarea) {
    const list = document.getElementById(textarea.getAttribute("aria-controls"));
    if (!list) return;
    const match = currentMention(textarea);
    if (!match) {
      closeList(list);
      return;
    }
    const url = new URL(textarea.dataset.mentionsUrl, window.location.origin);
    url.searchParams.set("q", match[1]);
    const asked = ++latest;
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const people = await response.json();
    if (asked !== latest) return; // a later keystroke asked again; its answer wins
    list.replaceChildren();
    for (const candidate of people) {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `${candidate.name} (@${candidate.handle})`;
      button.addEventListener("click", () => {
        const typed = currentMention(textarea);
        if (!typed) return;
        const start = textarea.selectionStart - typed[1].length;
        textarea.setRangeText(`${candidate.handle} `, start, textarea.selectionStart, "end");
        closeList(list);
        textarea.focus();
      });
      item.append(button);
      list.append(item);
    }
    list.hidden = people.length === 0;
  }

  document.addEventListener("input", (event) => {
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.dataset.mentionsUrl) suggest(target);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const target = event.target;
    if (target instanceof HTMLTextAreaElement && target.dataset.mentionsUrl) {
      const list = document.getElementById(target.getAttribute("aria-controls"));
      if (list) closeList(list);
    }
  });
})();
