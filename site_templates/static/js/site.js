// Enhancements for readers with JavaScript; every page works without them.

// --- Opening hours: "open today" and "next opening", in Belgian time ----------------------

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_NAMES = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];

function brusselsToday() {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Brussels", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    }).formatToParts(new Date()).map((part) => [part.type, part.value]),
  );
  const date = new Date(Date.UTC(+parts.year, +parts.month - 1, +parts.day));
  return { date, minutes: +parts.hour * 60 + +parts.minute };
}

function isoDay(date) {
  return date.toISOString().slice(0, 10);
}

function slotsOn(hours, date) {
  const day = isoDay(date);
  const weekday = DAYS[date.getUTCDay()];
  const exception = hours.exceptions.find((e) => e.start <= day && day <= e.end);
  const slots = exception ? exception.hours : hours.regular;
  return slots.filter((slot) => slot.days.includes(weekday))
    .sort((a, b) => a.opens.localeCompare(b.opens));
}

function minutesOf(time) {
  const [hour, minute] = time.split(":").map(Number);
  return hour * 60 + minute;
}

function nextOpening(hours, now) {
  for (let offset = 0; offset < 60; offset += 1) {
    const date = new Date(now.date.getTime() + offset * 86400000);
    for (const slot of slotsOn(hours, date)) {
      if (offset > 0 || minutesOf(slot.closes) > now.minutes) {
        const openNow = offset === 0 && minutesOf(slot.opens) <= now.minutes;
        return { offset, date, slot, openNow };
      }
    }
  }
  return null;
}

function describeNext(next) {
  if (!next) return "In den nächsten acht Wochen ist keine Öffnung eingetragen.";
  if (next.openNow) return `Jetzt geöffnet, bis ${next.slot.closes} Uhr.`;
  const day = next.offset === 0 ? "heute" : next.offset === 1 ? "morgen"
    : `${DAY_NAMES[next.date.getUTCDay()]}, ${next.date.getUTCDate()}.${next.date.getUTCMonth() + 1}.`;
  return `Nächste Öffnung: ${day} um ${next.slot.opens} Uhr.`;
}

function describeToday(hours, now) {
  const slots = slotsOn(hours, now.date);
  if (!slots.length) return "heute geschlossen";
  return "heute geöffnet: " + slots.map((s) => `${s.opens}–${s.closes} Uhr`).join(", ");
}

document.querySelectorAll("a.hours-data").forEach(async (link) => {
  const response = await fetch(link.href);
  if (!response.ok) return;
  const hours = await response.json();
  const now = brusselsToday();
  const paragraph = link.closest("#naechste-oeffnung");
  const text = document.createElement("span");
  text.className = "hours-now";
  if (paragraph) {
    text.textContent = describeNext(nextOpening(hours, now)) + " ";
    paragraph.replaceChildren(text, link);
  } else {
    text.textContent = describeToday(hours, now);
    link.replaceWith(text);
  }
});

// --- Directory: filter by municipality and target group ----------------------------------

function wrapUntil(heading, stopTags, className) {
  const wrapper = document.createElement("div");
  wrapper.className = className;
  heading.before(wrapper);
  let node = heading;
  while (node && !(node !== heading && stopTags.includes(node.tagName))) {
    const next = node.nextElementSibling;
    wrapper.append(node);
    node = next;
  }
  return wrapper;
}

function makeSelect(label, options) {
  const wrapper = document.createElement("label");
  wrapper.textContent = label + " ";
  const select = document.createElement("select");
  for (const [value, text] of options) select.add(new Option(text, value));
  wrapper.append(select);
  return [wrapper, select];
}

// Without JavaScript the page is a plain list by municipality; with it, two filters appear (on
// a municipality's own page, of a directory too long for one page, only the target group).
const index = document.getElementById("gemeinden");
if (index) {
  const places = [...document.querySelectorAll("h2[data-municipality]")]
    .map((heading) => [heading, wrapUntil(heading, ["H2"], "gemeinde")]);
  const cards = [...document.querySelectorAll("h3.treffpunkt")]
    .map((heading) => wrapUntil(heading, ["H2", "H3"], "karte"));
  const groupNames = [...document.querySelectorAll("#nach-zielgruppe + ul > li > strong")]
    .map((label) => label.textContent.replace(/:$/, "").trim());
  const [placeLabel, placeSelect] = makeSelect("Gemeinde:", [["", "alle Gemeinden"],
    ...places.map(([h]) => [h.dataset.municipality, h.textContent.replace("¶", "").trim()])]);
  const [groupLabel, groupSelect] = makeSelect("Für:", [["", "alle Zielgruppen"],
    ...groupNames.map((name) => [name, name])]);
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  const form = document.createElement("form");
  form.className = "filter";
  form.setAttribute("aria-label", "Treffpunkte filtern");
  form.append(...(places.length > 1 ? [placeLabel] : []), groupLabel);
  index.after(form, status);
  const forGroup = (card) => {
    const item = [...card.querySelectorAll("li")].find((li) => li.textContent.startsWith("Für:"));
    const names = (item?.textContent ?? "").replace(/^Für:/, "").split(",").map((n) => n.trim());
    return !groupSelect.value || names.includes(groupSelect.value);
  };
  const update = () => {
    cards.forEach((card) => { card.hidden = !forGroup(card); });
    let shown = 0;
    for (const [heading, place] of places) {
      const visible = [...place.querySelectorAll(".karte")].filter((card) => !card.hidden);
      const chosen = !placeSelect.value || heading.dataset.municipality === placeSelect.value;
      place.hidden = !chosen || (groupSelect.value !== "" && visible.length === 0);
      if (!place.hidden) shown += visible.length;
    }
    status.textContent = `${shown} Treffpunkt${shown === 1 ? "" : "e"} passen zur Auswahl.`;
  };
  form.addEventListener("change", update);
  update();
}
