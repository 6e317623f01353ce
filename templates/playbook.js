(function () {
  "use strict";
  // The page works without this script: it only adds the filter box.
  var box = document.querySelector(".search");
  var input = document.getElementById("search");
  var count = document.getElementById("search-count");
  if (!box || !input) { return; }
  box.hidden = false;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-entity]"));
  var texts = items.map(function (el) { return el.textContent.toLowerCase(); });
  function apply() {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var match = !query || texts[i].indexOf(query) !== -1;
      items[i].classList.toggle("hidden-by-search", !match);
      if (match) { shown++; }
    }
    count.textContent = query ? shown + " of " + items.length + " match" : "";
  }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; apply(); }
  });
})();
