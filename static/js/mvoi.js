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

// The freezing of an approved version runs in the background: its status block
// (data-ververs: the URL of its fragment) refreshes every 2 seconds until it is done. Only
// the block's content changes, so it stays the same live region (aria-live) and a screen
// reader hears the new status. A failed request is tried again later; a redirect (the
// session ended) stops, and the block's own link reloads the page.
document.addEventListener("DOMContentLoaded", () => {
  const verversen = (blok, wachttijd = 2000) => {
    window.setTimeout(async () => {
      const url = blok.dataset.ververs;
      if (!url) {
        return;
      }
      try {
        const antwoord = await fetch(url, { headers: { Accept: "text/html" } });
        if (antwoord.redirected) {
          return;
        }
        if (!antwoord.ok) {
          verversen(blok, Math.min(wachttijd * 2, 30000));
          return;
        }
        const sjabloon = document.createElement("template");
        sjabloon.innerHTML = (await antwoord.text()).trim();
        const nieuw = sjabloon.content.firstElementChild;
        if (!nieuw || nieuw.id !== blok.id) {
          return;
        }
        if (nieuw.innerHTML !== blok.innerHTML) {
          blok.innerHTML = nieuw.innerHTML;
        }
        if (nieuw.dataset.ververs) {
          verversen(blok);
        } else {
          delete blok.dataset.ververs;
          // Done: a notice that said "being made" above is no longer true.
          document.querySelectorAll("[data-weg-na-verversen]").forEach((el) => el.remove());
        }
      } catch {
        verversen(blok, Math.min(wachttijd * 2, 30000));
      }
    }, wachttijd);
  };
  document.querySelectorAll("[data-ververs]").forEach((blok) => verversen(blok));
});
