// The site search: our search box and results on Pagefind's JS API. The index is made from the
// built pages after the engine's build (pagefind.yml); the markup is in the header
// (site_templates/overrides/partials/header.html). Nothing of the index is fetched until a
// reader opens the search, and then only the parts of it that a query needs. Without
// JavaScript (or without <dialog>) the header keeps its link to the directory instead.
(function () {
  "use strict";

  const root = document.querySelector("[data-ts-search]");
  if (!root || typeof HTMLDialogElement !== "function") return;

  const dialog = root.querySelector("dialog");
  const opener = root.querySelector(".ts-search__open");
  const form = root.querySelector("form");
  const input = root.querySelector("input");
  const status = root.querySelector(".ts-search__status");
  const list = root.querySelector(".ts-search__results");
  const more = root.querySelector(".ts-search__more");
  const bundle = new URL(root.dataset.tsSearch, location.href);
  const PAGE = 8; // results shown at once; "Weitere Ergebnisse zeigen" adds as many again

  let pagefind = null; // the promise of Pagefind's module, once the search is opened
  let found = []; // the current query's results, best first
  let query = "";
  let asked = 0; // numbers the queries, so that a slow answer to an old one is dropped
  let timer = 0;

  root.querySelector(".ts-search__directory").hidden = true;
  opener.hidden = false;

  function load() {
    if (!pagefind) {
      pagefind = import(bundle.href).then(async (module) => {
        // Result addresses relative to where the site lives (pagefind/ is at its root). No
        // worker: it would download Pagefind's code a second time (12 KB) for little gain.
        await module.options({ baseUrl: new URL("..", bundle).pathname, noWorker: true });
        return module;
      });
      pagefind.catch(() => { pagefind = null; });
    }
    return pagefind;
  }

  function plural(count, one, many) {
    return `${count.toLocaleString("de-BE")} ${count === 1 ? one : many}`;
  }

  function say(text) {
    status.replaceChildren(text);
  }

  function unavailable() {
    const link = document.createElement("a");
    link.href = root.querySelector(".ts-search__directory").href;
    link.textContent = "Verzeichnis der Treffpunkte";
    status.replaceChildren("Die Suche konnte nicht geladen werden. Weiter zum ", link, ".");
  }

  // Pagefind's excerpts are the page's text, HTML-escaped, with <mark> around the hits: read
  // as text, and only the hits become elements.
  const decoder = document.createElement("textarea");
  function text(html) {
    decoder.innerHTML = html;
    return decoder.value;
  }

  function excerpt(html) {
    const paragraph = document.createElement("p");
    paragraph.className = "ts-search__excerpt";
    html.split(/<\/?mark>/).forEach((part, index) => {
      if (index % 2 === 0) {
        paragraph.append(text(part));
      } else {
        const mark = document.createElement("mark");
        mark.textContent = text(part);
        paragraph.append(mark);
      }
    });
    return paragraph;
  }

  function link(url, title) {
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.textContent = title;
    return anchor;
  }

  function entry(data) {
    const title = text(data.meta.title || data.url);
    const item = document.createElement("li");
    item.className = "ts-search__result";
    item.append(link(data.url, title), excerpt(data.excerpt));
    // On long pages (sources, parliament) the sections that match, as direct links.
    const sections = data.sub_results
      .filter((sub) => sub.url.includes("#") && text(sub.title) !== title)
      .slice(0, 2);
    if (sections.length) {
      const sublist = document.createElement("ul");
      sublist.className = "ts-search__sections";
      sections.forEach((sub) => {
        const subitem = document.createElement("li");
        subitem.append(link(sub.url, text(sub.title)));
        sublist.append(subitem);
      });
      item.append(sublist);
    }
    return item;
  }

  function announce() {
    const shown = list.children.length;
    let message = found.length
      ? `${plural(found.length, "Ergebnis", "Ergebnisse")} für „${query}“`
      : `Keine Ergebnisse für „${query}“`;
    if (shown < found.length) message += `, die ersten ${shown.toLocaleString("de-BE")} angezeigt`;
    say(message + ".");
    more.hidden = shown >= found.length;
  }

  async function show(count, number) {
    const start = list.children.length;
    const data = await Promise.all(found.slice(start, start + count).map((result) => result.data()));
    if (number !== asked) return null;
    const items = data.map(entry);
    list.append(...items);
    announce();
    return items[0] || null;
  }

  async function search() {
    const number = ++asked;
    query = input.value.trim();
    if (!query) {
      found = [];
      list.replaceChildren();
      more.hidden = true;
      say("");
      return;
    }
    let module;
    try {
      module = await load();
    } catch (error) {
      unavailable();
      return;
    }
    const answer = await module.search(query);
    if (number !== asked) return;
    found = answer.results;
    list.replaceChildren();
    await show(PAGE, number);
  }

  function links() {
    return Array.from(list.querySelectorAll("a"));
  }

  function openSearch() {
    if (dialog.open) return;
    dialog.showModal();
    input.focus();
    input.select();
    load().catch(unavailable);
  }

  opener.addEventListener("click", openSearch);
  root.querySelector(".ts-search__close").addEventListener("click", () => dialog.close());
  // Closed, the focus goes back to the search button (also when "/" opened it).
  dialog.addEventListener("close", () => opener.focus());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });

  // Enter: to the first result (Enter again opens it).
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(timer);
    if (input.value.trim() !== query || !list.children.length) await search();
    const first = links()[0];
    if (first) first.focus();
  });

  more.addEventListener("click", async () => {
    const first = await show(PAGE, asked);
    if (first) first.querySelector("a").focus();
  });

  // Escape closes the search at once (in the search field it would first empty it); the arrow
  // keys move between the search field and the result links.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const targets = [input, ...links()];
    const at = targets.indexOf(document.activeElement);
    if (at < 0) return;
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0 || next >= targets.length) return;
    event.preventDefault();
    targets[next].focus();
  });

  // "/" opens the search from anywhere on the page but a form field.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    openSearch();
  });
})();
