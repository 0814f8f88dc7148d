// The step-size explorer's front-end (helpers.widgets.StepSizeExplorer), loaded by anywidget.
//
// Python trained every slider position once and sent the runs (`runs`, one per `steps` entry) with
// a fixed loss axis (`axis`). Everything here happens in the browser, with no kernel round trip:
// a native range input picks the position, presets jump to one, an epochs slider cuts the runs,
// and the canvas is redrawn in the same task as the input event.

// Okabe-Ito colours, as in helpers/figures/course.mplstyle.
const BLUE = "#0072B2";
const VERMILLION = "#D55E00";
const ORANGE = "#E69F00";
const GREY = "#999999";
const INK = "#1a1a1a";
const GRID = "#e3e3e3";

// The plot's height in CSS pixels: beside the controls when the explorer is wide, under them when it is
// narrow (a projector at 150% zoom with JupyterLab's sidebar open leaves about 420 x 360 pixels).
const WIDE = 640;
const WIDE_PLOT_HEIGHT = 260;
const NARROW_PLOT_HEIGHT = 170;
const MIN_PLOT_WIDTH = 240;
const MARGIN = { left: 58, right: 12, top: 24, bottom: 38 };

// A loss as the summary shows it: three significant digits, two-digit exponent (Python's ".2e").
export function formatLoss(loss) {
  const [mantissa, exponent] = loss.toExponential(2).split("e");
  const sign = exponent.startsWith("-") ? "-" : "+";
  const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
  return `${mantissa}e${sign}${digits}`;
}

// What the browser shows for one position and epoch count: the same as StepSizeExplorer.shown.
export function shownRun(run, epochs) {
  let losses = run.losses;
  let divergedAt = run.diverged_at;
  let chaoticFrom = run.chaotic_from;
  if (epochs > 0) {
    losses = losses.slice(0, epochs + 1);
    if (divergedAt !== null && divergedAt > epochs) divergedAt = null;
    if (chaoticFrom !== null && chaoticFrom > epochs) chaoticFrom = null;
  }
  return { losses, divergedAt, chaoticFrom };
}

// The line under the plot: the same words as helpers.widgets.summarize_run.
export function summaryText(symbol, stepLabel, shown) {
  const start = `${symbol} = ${stepLabel}: loss ${formatLoss(shown.losses[0])} → `;
  if (shown.divergedAt !== null) return `${start}diverged at epoch ${shown.divergedAt}`;
  if (shown.chaoticFrom !== null) {
    return `${start}chaotic from epoch ${shown.chaoticFrom}: its digits differ from machine to machine`;
  }
  const last = shown.losses.length - 1;
  return `${start}${formatLoss(shown.losses[last])} after ${last} epochs`;
}

// Round epoch ticks, 1, 2 or 5 times a power of ten apart.
function epochTicks(last) {
  const raw = Math.max(last, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const spacing = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw));
  const ticks = [];
  for (let t = 0; t <= last; t += spacing) ticks.push(t);
  return ticks;
}

// The keys a focused range input uses. Notebook 7 (and JupyterLab) read keys on the document, in the
// capture phase, before the slider: ArrowLeft would select the heading above and fold it
// (jupyter/notebook#7716). A listener on the window runs before theirs and keeps these keys for the
// slider; their default action, moving it, still happens.
const SLIDER_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
let sliderKeysKept = false;

function keepSliderKeys() {
  if (sliderKeysKept) return;
  sliderKeysKept = true;
  window.addEventListener(
    "keydown",
    (event) => {
      const target = event.target;
      if (SLIDER_KEYS.has(event.key) && target instanceof HTMLInputElement && target.type === "range"
          && target.closest(".hcb-explorer")) {
        event.stopPropagation();
      }
    },
    true,
  );
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function render({ model, el }) {
  const steps = model.get("steps");
  const labels = model.get("step_labels");
  const runs = model.get("runs");
  const axis = model.get("axis");
  const symbol = model.get("symbol");
  const maxEpochs = model.get("max_epochs");
  const uid = Math.random().toString(36).slice(2);

  // What this view shows; "previous" is view state only (never synced, never stored).
  let index = model.get("index");
  let epochs = model.get("epochs");
  let previous = null;

  const root = element("div", "hcb-explorer");
  const layout = element("div", "hcb-layout");
  const controls = element("div", "hcb-controls");
  const sliders = element("div", "hcb-sliders");
  const figure = element("div", "hcb-figure");
  root.append(layout);
  layout.append(controls, figure);
  controls.append(sliders);

  // The step slider: a native range input over the positions, labelled with the step's symbol.
  const stepRow = element("div", "hcb-row");
  const stepLabel = element("label", "hcb-symbol", symbol);
  const stepInput = element("input", "hcb-step");
  Object.assign(stepInput, { type: "range", min: "0", max: String(steps.length - 1), step: "1" });
  stepInput.id = `hcb-step-${uid}`;
  stepLabel.htmlFor = stepInput.id;
  const stepOutput = element("output", "hcb-readout");
  stepOutput.htmlFor = stepInput.id;
  stepRow.append(stepLabel, stepInput, stepOutput);
  stepRow.title = model.get("range_text");
  sliders.append(stepRow);

  let epochsInput = null;
  let epochsOutput = null;
  if (maxEpochs > 0) {
    const epochsRow = element("div", "hcb-row");
    const epochsLabel = element("label", "hcb-symbol", "epochs");
    epochsInput = element("input", "hcb-epochs");
    Object.assign(epochsInput, { type: "range", min: "1", max: String(maxEpochs), step: "1" });
    epochsInput.id = `hcb-epochs-${uid}`;
    epochsLabel.htmlFor = epochsInput.id;
    epochsOutput = element("output", "hcb-readout");
    epochsOutput.htmlFor = epochsInput.id;
    epochsRow.append(epochsLabel, epochsInput, epochsOutput);
    sliders.append(epochsRow);
  }

  const presets = element("div", "hcb-presets");
  for (const preset of model.get("presets")) {
    const button = element("button", "hcb-preset", preset.label);
    button.type = "button";
    button.addEventListener("click", () => move(preset.index, epochs));
    presets.append(button);
  }
  controls.append(presets);
  const rangeNote = element("div", "hcb-note", `${symbol}: ${model.get("range_text")}`);
  const hint = element("p", "hcb-hint", model.get("hint"));
  controls.append(rangeNote, hint);

  const canvas = element("canvas", "hcb-plot");
  canvas.setAttribute("role", "img");
  const summary = element("p", "hcb-summary");
  summary.setAttribute("aria-live", "polite");
  summary.setAttribute("role", "status");
  figure.append(canvas, summary);
  el.append(root);

  const context = canvas.getContext("2d");
  let width = MIN_PLOT_WIDTH;
  let PLOT_HEIGHT = NARROW_PLOT_HEIGHT;

  function sizeCanvas() {
    PLOT_HEIGHT = root.clientWidth >= WIDE ? WIDE_PLOT_HEIGHT : NARROW_PLOT_HEIGHT;
    width = Math.max(MIN_PLOT_WIDTH, Math.floor(figure.clientWidth || MIN_PLOT_WIDTH));
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(PLOT_HEIGHT * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${PLOT_HEIGHT}px`;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
  }

  function yOf(loss) {
    const plotHeight = PLOT_HEIGHT - MARGIN.top - MARGIN.bottom;
    const fraction = axis.log
      ? (Math.log10(loss) - Math.log10(axis.bottom)) / (Math.log10(axis.top) - Math.log10(axis.bottom))
      : (loss - axis.bottom) / (axis.top - axis.bottom);
    return MARGIN.top + plotHeight * (1 - Math.min(Math.max(fraction, -0.02), 1));
  }

  function xOf(epoch, last) {
    return MARGIN.left + ((width - MARGIN.left - MARGIN.right) * epoch) / Math.max(last, 1);
  }

  function curve(shown, last) {
    // The run's points, and for a diverged run a last one at the top of the axis, where it diverged.
    const points = shown.losses.map((loss, epoch) => [xOf(epoch, last), yOf(loss)]);
    if (shown.divergedAt !== null) points.push([xOf(shown.divergedAt, last), yOf(axis.top)]);
    return points;
  }

  function stroke(points, colour, lineWidth) {
    context.beginPath();
    points.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
    context.strokeStyle = colour;
    context.lineWidth = lineWidth;
    context.setLineDash([]);
    context.stroke();
  }

  function drawAxes(last, font) {
    const right = width - MARGIN.right;
    const bottom = PLOT_HEIGHT - MARGIN.bottom;
    context.font = `13px ${font}`;
    context.fillStyle = INK;
    context.textAlign = "right";
    context.textBaseline = "middle";
    axis.ticks.forEach((tick, i) => {
      const y = yOf(tick);
      context.strokeStyle = GRID;
      context.lineWidth = 1;
      context.beginPath();
      context.moveTo(MARGIN.left, y);
      context.lineTo(right, y);
      context.stroke();
      context.fillText(axis.tick_labels[i], MARGIN.left - 6, y);
    });
    context.textAlign = "center";
    context.textBaseline = "top";
    for (const tick of epochTicks(last)) {
      const x = xOf(tick, last);
      context.strokeStyle = GRID;
      context.beginPath();
      context.moveTo(x, MARGIN.top);
      context.lineTo(x, bottom);
      context.stroke();
      context.fillText(String(tick), x, bottom + 5);
    }
    context.strokeStyle = INK;
    context.lineWidth = 1;
    context.strokeRect(MARGIN.left, MARGIN.top, right - MARGIN.left, bottom - MARGIN.top);
    context.fillText("epoch", (MARGIN.left + right) / 2, bottom + 23);
    // The loss's name along the y axis, smaller (down to 10 px) rather than cut off on a short plot.
    let labelSize = 13;
    while (labelSize > 10 && context.measureText(axis.label).width > bottom - MARGIN.top + 16) {
      labelSize -= 1;
      context.font = `${labelSize}px ${font}`;
    }
    context.save();
    context.translate(12, (MARGIN.top + bottom) / 2);
    context.rotate(-Math.PI / 2);
    context.textBaseline = "middle";
    context.fillText(axis.label, 0, 0);
    context.restore();
    // The title, in bold, made smaller (down to 10 px) rather than cut off on a narrow plot.
    const title = model.get("title");
    let size = 14;
    context.font = `bold ${size}px ${font}`;
    while (size > 10 && context.measureText(title).width > right - MARGIN.left) {
      size -= 1;
      context.font = `bold ${size}px ${font}`;
    }
    context.textAlign = "left";
    context.fillText(title, MARGIN.left, 5);
  }

  function drawMarkers(shown, last, font) {
    context.font = `13px ${font}`;
    context.textBaseline = "top";
    context.textAlign = "right";
    const right = width - MARGIN.right;
    if (shown.divergedAt !== null) {
      // A diverged run: an X where it left the axis, and the epoch in words.
      const x = xOf(shown.divergedAt, last);
      const y = yOf(axis.top);
      context.strokeStyle = VERMILLION;
      context.lineWidth = 3;
      context.beginPath();
      context.moveTo(x - 6, y - 6);
      context.lineTo(x + 6, y + 6);
      context.moveTo(x + 6, y - 6);
      context.lineTo(x - 6, y + 6);
      context.stroke();
      context.fillStyle = VERMILLION;
      context.fillText(`diverged at epoch ${shown.divergedAt}`, right - 4, MARGIN.top + 8);
    } else if (shown.chaoticFrom !== null) {
      // A chaotic run: drawn as far as every machine agrees, then a dotted line and the words.
      const x = xOf(shown.chaoticFrom, last);
      context.strokeStyle = ORANGE;
      context.lineWidth = 2;
      context.setLineDash([3, 4]);
      context.beginPath();
      context.moveTo(x, MARGIN.top);
      context.lineTo(x, PLOT_HEIGHT - MARGIN.bottom);
      context.stroke();
      context.setLineDash([]);
      context.fillStyle = INK;
      context.fillText(`chaotic from epoch ${shown.chaoticFrom}`, right - 4, MARGIN.top + 8);
    }
  }

  function drawLegend(font) {
    // Bottom left, inside the axes: a falling loss curve leaves that corner empty.
    const left = MARGIN.left + 8;
    const y = PLOT_HEIGHT - MARGIN.bottom - 12;
    context.font = `13px ${font}`;
    context.textBaseline = "middle";
    context.textAlign = "left";
    context.fillStyle = INK;
    stroke([[left, y], [left + 24, y]], BLUE, 3);
    context.fillText("this step", left + 30, y);
    if (previous !== null) {
      const next = left + 40 + context.measureText("this step").width;
      stroke([[next, y], [next + 24, y]], GREY, 1.5);
      context.fillText("previous", next + 30, y);
    }
  }

  function draw() {
    const font = getComputedStyle(root).fontFamily || "sans-serif";
    const shown = shownRun(runs[index], epochs);
    const last = epochs > 0 ? epochs : Math.max(runs[index].losses.length - 1, 1);
    context.clearRect(0, 0, width, PLOT_HEIGHT);
    drawAxes(last, font);
    context.save();
    context.beginPath();
    context.rect(MARGIN.left, MARGIN.top - 8, width - MARGIN.left - MARGIN.right + 8, PLOT_HEIGHT - MARGIN.top);
    context.clip();
    if (previous !== null) {
      context.globalAlpha = 0.7;
      stroke(curve(shownRun(runs[previous.index], previous.epochs), last), GREY, 1.5);
      context.globalAlpha = 1;
    }
    stroke(curve(shown, last), BLUE, 3);
    context.restore();
    drawMarkers(shown, last, font);
    drawLegend(font);

    // Which earlier position the faint line shows ("" for none): the browser tests read it.
    root.dataset.previous = previous === null ? "" : labels[previous.index];
    const text = summaryText(symbol, labels[index], shown);
    summary.textContent = text;
    canvas.setAttribute("aria-label", `Loss against epoch. ${text}`);
    const valueText = `${symbol} = ${labels[index]}`;
    stepInput.value = String(index);
    stepInput.setAttribute("aria-valuetext", valueText);
    stepOutput.textContent = labels[index];
    if (epochsInput) {
      epochsInput.value = String(epochs);
      epochsInput.setAttribute("aria-valuetext", `${epochs} epochs`);
      epochsOutput.textContent = String(epochs);
    }
  }

  // A move from this page: draw first, then tell the kernel (if there is one) what is shown.
  function move(newIndex, newEpochs) {
    if (newIndex === index && newEpochs === epochs) return;
    previous = { index, epochs };
    index = newIndex;
    epochs = newEpochs;
    draw();
    model.set({ index, epochs });
    try {
      model.save_changes();
    } catch {
      // A static page (handout, slides) has no kernel to tell: the explorer works without one.
    }
  }

  stepInput.addEventListener("input", () => move(Number(stepInput.value), epochs));
  if (epochsInput) epochsInput.addEventListener("input", () => move(index, Number(epochsInput.value)));
  keepSliderKeys();

  // A change from the kernel (code setting .index or .epochs): show it, with no "previous" line.
  function fromKernel() {
    const newIndex = model.get("index");
    const newEpochs = model.get("epochs");
    if (newIndex === index && newEpochs === epochs) return;
    index = newIndex;
    epochs = newEpochs;
    previous = null;
    draw();
  }
  model.on("change:index", fromKernel);
  model.on("change:epochs", fromKernel);

  // A new width (or the switch between the wide and the narrow layout) resizes the canvas, which clears
  // it: draw again. Anything else (the summary wrapping onto a second line) leaves the canvas alone.
  const resize = new ResizeObserver(() => {
    const newHeight = root.clientWidth >= WIDE ? WIDE_PLOT_HEIGHT : NARROW_PLOT_HEIGHT;
    const newWidth = Math.max(MIN_PLOT_WIDTH, Math.floor(figure.clientWidth || MIN_PLOT_WIDTH));
    if (newWidth !== width || newHeight !== PLOT_HEIGHT) {
      sizeCanvas();
      draw();
    }
  });
  resize.observe(figure);
  sizeCanvas();
  draw();

  return () => {
    resize.disconnect();
    model.off("change:index", fromKernel);
    model.off("change:epochs", fromKernel);
  };
}

export default { render };
