// Errors users can act on (NL Design System's error summary): on a page with an error
// summary or an edit conflict, the focus moves to it, so a screen reader reads it first;
// a link in the summary moves the focus to its field, not only the view.
document.addEventListener("DOMContentLoaded", () => {
  const melding = document.querySelector(".mvoi-foutoverzicht, #bewerkingsconflict");
  if (melding) {
    melding.focus();
  }
  document.querySelectorAll(".mvoi-foutoverzicht a[href^='#']").forEach((link) => {
    link.addEventListener("click", (event) => {
      const veld = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (veld) {
        event.preventDefault();
        veld.focus();
        veld.scrollIntoView({ block: "center" });
      }
    });
  });
});
