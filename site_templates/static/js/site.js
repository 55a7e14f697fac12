// Give Material's search dialog an accessible name (axe: aria-dialog-name).
document.querySelectorAll(".md-search[role=dialog]").forEach((dialog) => {
  dialog.setAttribute("aria-label", "Suche");
});
