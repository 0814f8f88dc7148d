// Every slide fits its width x height: a slide whose content is taller or wider is scaled down.
//
// The cells of each innermost <section> are moved into one <div class="slide-fit">, and that box
// is scaled (CSS transform, from its top centre) by min(1, width / its width, usable height / its
// height), so nothing is cut and nothing needs scrolling. "usable height" leaves a strip at the
// bottom for reveal.js's slide number. A slide is measured again whenever its box changes size
// (MathJax typesetting, a widget drawing, an image loading). The scale of each slide is kept in
// the box's data-fit-scale attribute (the browser test reads it).
function fitSlides(Reveal, width, height) {
  var FOOTER = 28;  // px of the slide kept free for the slide number
  var usable = height - FOOTER;

  function fit(box) {
    box.style.transform = "none";
    var w = Math.max(box.scrollWidth, box.offsetWidth);
    var h = box.scrollHeight;
    var scale = Math.min(1, width / Math.max(w, 1), usable / Math.max(h, 1));
    box.style.transform = scale < 1 ? "scale(" + scale + ")" : "none";
    box.dataset.fitScale = scale.toFixed(3);
  }

  function wrap(section) {
    var box = document.createElement("div");
    box.className = "slide-fit";
    box.style.width = width + "px";
    while (section.firstChild) {
      box.appendChild(section.firstChild);
    }
    section.appendChild(box);
    return box;
  }

  var boxes = Array.prototype.filter
    .call(document.querySelectorAll(".reveal .slides section"), function (s) {
      return !s.querySelector("section");
    })
    .map(wrap);
  var observer = new ResizeObserver(function (entries) {
    entries.forEach(function (entry) { fit(entry.target); });
  });
  boxes.forEach(function (box) { observer.observe(box); });

  function fitCurrent() {
    var slide = Reveal.getCurrentSlide();
    var box = slide && slide.querySelector(":scope > .slide-fit");
    if (box) fit(box);
  }
  Reveal.on("ready", fitCurrent);
  Reveal.on("slidechanged", fitCurrent);
  if (window.MathJax && MathJax.Hub) MathJax.Hub.Queue(fitCurrent);
  window.fitCurrentSlide = fitCurrent;
}
