/* The search page (content/zoeken.md). Searches the Pagefind index the build writes beside the
 * pages (generator/engine/search.py) as the reader types, and lists the pages found with a fragment of
 * their text, the matched words marked, and the sections that matched. Only this page loads the
 * search, and only the parts of the index the typed words need. Nothing leaves the reader's
 * machine but requests for the site's own files. */
(function () {
  "use strict";

  var form = document.getElementById("zoeken");
  if (!form) return;
  var field = document.getElementById("zoekterm");
  var status = document.getElementById("zoekstatus");
  var list = document.getElementById("zoekresultaten");
  var more = document.getElementById("zoekmeer");
  var PAGE = 10; // results shown at a time
  var SECTIONS = 3; // matching sections shown under a result
  // The site's root is the folder above this page (zoeken/), on any host and under any path.
  var root = new URL("../", location.href);
  var engine = null;
  var results = [];
  var shown = 0;
  var searchNumber = 0; // only the newest search may show its results

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        // Long pages count less than Pagefind's default makes them (1.0 → 0.3): the glossary and a
        // region's overview hold many short sections, each the page to find for its own words
        // ("Eemland", "POH"); measured on ten words GPs type (tests/test_browser.py).
        return pagefind.options({ baseUrl: root.pathname, ranking: { pageLength: 0.3 } }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  // A fragment from Pagefind: the page's text with "<" and ">" written as &lt; and &gt; (and "&"
  // left as it is), the matched words between <mark> and </mark>. It is cut at those two tags and
  // made into text and marks here: nothing of it is ever read as HTML.
  function fragment(excerpt) {
    var paragraph = document.createElement("p");
    paragraph.className = "zoekfragment";
    excerpt.split(/(<mark>|<\/mark>)/).reduce(function (marked, piece) {
      if (piece === "<mark>") return true;
      if (piece === "</mark>") return false;
      var text = document.createTextNode(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (marked) {
        var mark = document.createElement("mark");
        mark.append(text);
        paragraph.append(mark);
      } else {
        paragraph.append(text);
      }
      return marked;
    }, false);
    return paragraph;
  }

  // A link to a page of this site, or null: an address elsewhere is never made a link.
  function link(address, text) {
    var target = new URL(address, root);
    if (target.origin !== root.origin) return null;
    var a = document.createElement("a");
    a.href = target.href;
    a.textContent = text;
    return a;
  }

  function item(data) {
    var li = document.createElement("li");
    var title = link(data.url, data.meta.title || data.url);
    if (!title) return null;
    li.append(title, fragment(data.excerpt));
    // The sections that match best, not the first ones on the page.
    var sections = (data.sub_results || [])
      .filter(function (section) {
        return section.url.indexOf("#") !== -1;
      })
      .map(function (section) {
        var score = (section.weighted_locations || []).reduce(function (sum, location) {
          return sum + location.balanced_score;
        }, 0);
        return { section: section, score: score };
      })
      .sort(function (a, b) {
        return b.score - a.score;
      })
      .map(function (scored) {
        return scored.section;
      });
    if (sections.length) {
      var ul = document.createElement("ul");
      sections.slice(0, SECTIONS).forEach(function (section) {
        var a = link(section.url, section.title);
        if (!a) return;
        var sectionItem = document.createElement("li");
        sectionItem.append(a);
        ul.append(sectionItem);
      });
      li.append(ul);
    }
    return li;
  }

  function say(text) {
    status.textContent = text;
  }

  // The next results: counted as shown at once, so a second press while they load adds the ones
  // after them (a double click showed some twice and others never).
  function showMore(number) {
    var next = results.slice(shown, shown + PAGE);
    shown += next.length;
    more.hidden = shown >= results.length;
    return Promise.all(
      next.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (number !== searchNumber) return [];
      return pages
        .map(function (data) {
          var li = item(data);
          if (li) list.append(li);
          return li;
        })
        .filter(Boolean);
    });
  }

  function counted(count, term) {
    var quoted = "„" + term + "”";
    if (count === 0) return "Geen resultaten voor " + quoted + ".";
    return count + (count === 1 ? " resultaat" : " resultaten") + " voor " + quoted + ".";
  }

  function search(term, immediately) {
    var number = ++searchNumber;
    term = term.trim();
    // The address holds the words searched for, so results can be shared and the back button works.
    history.replaceState(null, "", term ? "?q=" + encodeURIComponent(term) : location.pathname);
    if (!term) {
      list.replaceChildren();
      more.hidden = true;
      say("");
      return Promise.resolve();
    }
    // Pages with `search: boost: 0` (the guide for RHO staff) come after every other result, as the
    // guide promises: a low weight alone did not keep a short guide page whose title shares a
    // prefix with the words ("data" for "DA") below the pages for readers.
    var readers = { filters: { not: { plaats: "achteraan" } } };
    var engine;
    return loadEngine()
      .then(function (pagefind) {
        engine = pagefind;
        return immediately ? pagefind.search(term, readers) : pagefind.debouncedSearch(term, readers, 250);
      })
      .then(function (found) {
        if (!found || number !== searchNumber) return null; // a newer search replaced this one
        return engine.search(term, { filters: { plaats: "achteraan" } }).then(function (last) {
          return { results: found.results.concat(last.results) };
        });
      })
      .then(function (found) {
        if (!found || number !== searchNumber) return; // a newer search replaced this one
        results = found.results;
        shown = 0;
        list.replaceChildren();
        return showMore(number).then(function () {
          if (number === searchNumber) say(counted(results.length, term));
        });
      })
      .catch(function () {
        if (number !== searchNumber) return;
        say(
          location.protocol === "file:"
            ? "Zoeken werkt niet in een site die als bestand is geopend. Open de site via een webserver, of vind de pagina via het menu."
            : "Zoeken lukt nu niet: de zoekindex van deze site is niet gevonden. Vind de pagina via het menu."
        );
      });
  }

  field.addEventListener("input", function () {
    search(field.value, false);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search(field.value, true);
  });
  // After "more", the keyboard goes on at the first added result (the button may be gone), and
  // screen readers hear how many are shown.
  more.addEventListener("click", function () {
    var number = searchNumber;
    showMore(number).then(function (added) {
      if (number !== searchNumber || !added.length) return;
      added[0].querySelector("a").focus();
      say(shown + " van de " + results.length + " resultaten getoond voor „" + field.value.trim() + "”.");
    });
  });
  // On this page the header's search field is the one above the results: its magnifier (all a
  // phone shows of it) goes there instead of searching for nothing.
  var header = document.querySelector("form.kopzoeken");
  if (header) {
    header.addEventListener("submit", function (event) {
      var typed = header.querySelector("input[name=q]");
      if (typed && typed.value.trim()) return;
      event.preventDefault();
      field.focus();
    });
  }

  var asked = new URLSearchParams(location.search).get("q") || "";
  field.value = asked;
  if (asked.trim()) {
    search(asked, true);
  } else {
    field.focus(); // came here to type
  }
})();
