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

// A tender's theme: ticking "Toepasbaar" opens the block with how it is applied (a
// <details> that also works without this script).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".mvoi-toepassing").forEach((blok) => {
    const vinkje = blok.querySelector("input[type=checkbox][name$='-toepasbaar']");
    const details = blok.querySelector("details");
    if (vinkje && details) {
      vinkje.addEventListener("change", () => {
        details.open = vinkje.checked;
      });
    }
  });
});
