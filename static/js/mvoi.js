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

// Before an idle session ends (basis/sessie.py): a warning in a live region, read out
// without moving the focus, with a button that keeps the session. Before warning, the page
// asks the server how long the session has left (another tab may have kept it); that
// question itself is no activity. Once it has ended, the text says so, and that what is
// typed comes back after logging in again.
document.addEventListener("DOMContentLoaded", () => {
  const blok = document.getElementById("sessie-waarschuwing");
  if (!blok) {
    return;
  }
  const inhoud = blok.querySelector(".mvoi-sessie__inhoud");
  const tekst = blok.querySelector(".mvoi-sessie__tekst");
  const formulier = blok.querySelector("form");
  const seconden = Number(blok.dataset.seconden);
  const vooraf = Math.min(120, Math.floor(seconden / 2));
  let wekker;
  const tijdstip = (over) =>
    new Date(Date.now() + over * 1000).toLocaleTimeString("nl-NL", {
      hour: "2-digit",
      minute: "2-digit",
    });
  const tonen = (zin, over) => {
    inhoud.hidden = false;
    tekst.textContent = zin.replace("{tijd}", tijdstip(over));
  };
  const plannen = (over) => {
    window.clearTimeout(wekker);
    wekker = window.setTimeout(controleren, Math.max(over - vooraf, 1) * 1000);
  };
  const controleren = async () => {
    let over = vooraf;
    try {
      const antwoord = await fetch(blok.dataset.status, {
        headers: { Accept: "application/json", "X-Mvoi-Sessiestatus": "1" },
        redirect: "manual",
      });
      over = antwoord.ok ? (await antwoord.json()).resterend : 0;
    } catch {
      // Offline: warn as planned; the next check tells.
    }
    if (over > vooraf + 5) {
      inhoud.hidden = true;
      plannen(over);
    } else if (over <= 0) {
      formulier.hidden = true;
      tonen(tekst.dataset.tekstVerlopen, 0);
    } else {
      tonen(tekst.dataset.tekstBijna, over);
      window.clearTimeout(wekker);
      wekker = window.setTimeout(controleren, (over + 1) * 1000);
    }
  };
  formulier.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const antwoord = await fetch(formulier.action, {
        method: "POST",
        body: new FormData(formulier),
        headers: { Accept: "application/json" },
        redirect: "manual",
      });
      if (!antwoord.ok) {
        throw new Error(String(antwoord.status));
      }
      const { resterend } = await antwoord.json();
      tekst.textContent = tekst.dataset.tekstVerlengd;
      window.setTimeout(() => {
        inhoud.hidden = true;
      }, 5000);
      plannen(resterend);
    } catch {
      formulier.submit();
    }
  });
  plannen(seconden);
});

// After logging in again: what was typed before the session ended goes back into the form
// of this page (kept by the server, basis/sessie.py). Nothing is saved: the notice says
// to check it and save.
document.addEventListener("DOMContentLoaded", () => {
  const gegevens = document.getElementById("bewaarde-invoer");
  if (!gegevens) {
    return;
  }
  const velden = JSON.parse(gegevens.textContent);
  const namen = Object.keys(velden);
  const formulieren = [...document.querySelectorAll("main form")];
  const treffers = (formulier) =>
    namen.filter((naam) => formulier.querySelector(`[name="${CSS.escape(naam)}"]`)).length;
  const formulier = formulieren.sort((a, b) => treffers(b) - treffers(a))[0];
  if (!formulier || !treffers(formulier)) {
    return;
  }
  formulier.querySelectorAll("input, select, textarea").forEach((veld) => {
    if (!veld.name || veld.name === "csrfmiddlewaretoken" || veld.type === "file") {
      return;
    }
    const waarden = velden[veld.name];
    if (veld.type === "checkbox") {
      veld.checked = Boolean(waarden) && waarden.includes(veld.value);
    } else if (waarden === undefined) {
      return;
    } else if (veld.type === "radio") {
      veld.checked = waarden.includes(veld.value);
    } else if (veld.tagName === "SELECT") {
      [...veld.options].forEach((optie) => {
        optie.selected = waarden.includes(optie.value);
      });
    } else {
      veld.value = waarden[0] ?? "";
    }
  });
  document.querySelectorAll(".mvoi-bewaarde-invoer").forEach((melding) => {
    melding.hidden = false;
  });
});

// A field that picks one tender among thousands (aanbestedingskalender/forms.py,
// AanbestedingVeld): as one types, its suggestions (<datalist>) are filled from the
// calendar's search (data-zoek-url). Without this script the field still takes a
// reference or part of a name, and the server says when that fits several.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-zoek-url]").forEach((veld) => {
    const lijst = document.getElementById(veld.getAttribute("list"));
    if (!lijst || !veld.dataset.zoekUrl) {
      return;
    }
    let wachten;
    let laatste = "";
    veld.addEventListener("input", () => {
      window.clearTimeout(wachten);
      const tekst = veld.value.trim();
      if (tekst.length < 2 || tekst === laatste) {
        return;
      }
      wachten = window.setTimeout(async () => {
        laatste = tekst;
        try {
          const url = `${veld.dataset.zoekUrl}?q=${encodeURIComponent(tekst)}`;
          const antwoord = await fetch(url, { headers: { Accept: "application/json" } });
          if (!antwoord.ok || antwoord.redirected) {
            return;
          }
          const { voorstellen } = await antwoord.json();
          lijst.replaceChildren(
            ...voorstellen.map((voorstel) => {
              const optie = document.createElement("option");
              optie.value = voorstel;
              return optie;
            }),
          );
        } catch {
          // No suggestions this time; typing on tries again.
        }
      }, 250);
    });
  });
});
