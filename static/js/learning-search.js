// Autocomplete for search boxes marked data-autocomplete="<endpoint>": suggestions as links.
(() => {
  const DELAY_MS = 150;

  function setup(box) {
    const input = box.querySelector("input[type=search]");
    const list = box.querySelector("[role=listbox]");
    if (!input || !list) return;
    let timer = null;
    let controller = null;
    let active = -1;

    const options = () => Array.from(list.querySelectorAll("[role=option]"));

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      const items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
      input.setAttribute("aria-activedescendant", items[active].id);
    }

    async function fetchSuggestions() {
      const query = input.value.trim();
      if (query.length < 2) return close();
      if (controller) controller.abort();
      controller = new AbortController();
      try {
        const url = `${box.dataset.autocomplete}?q=${encodeURIComponent(query)}`;
        const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
        if (!response.ok) return close();
        const { suggestions } = await response.json();
        list.replaceChildren(
          ...suggestions.map((suggestion, i) => {
            const item = document.createElement("li");
            item.id = `${list.id}-${i}`;
            item.setAttribute("role", "option");
            item.setAttribute("aria-selected", "false");
            const link = document.createElement("a");
            link.href = suggestion.url;
            link.textContent = suggestion.title;
            link.tabIndex = -1;
            item.append(link);
            return item;
          }),
        );
        list.hidden = suggestions.length === 0;
        input.setAttribute("aria-expanded", String(suggestions.length > 0));
        active = -1;
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY_MS);
    });
    input.addEventListener("keydown", (event) => {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].querySelector("a").href);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 200));
  }

  document.querySelectorAll("[data-autocomplete]").forEach(setup);
})();
