/** The static HTML shell of the page; src/page/main.ts fills it. */

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 16px 24px; color: #222; background: #fafafa; }
h1 { font-size: 20px; margin: 0 0 4px; }
.sub { color: #555; margin-bottom: 12px; }
.controls { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: center; margin: 10px 0; }
.controls label { display: inline-flex; gap: 6px; align-items: center; }
button { padding: 4px 12px; }
.panels { display: flex; flex-wrap: wrap; gap: 16px; }
.panel { text-align: center; }
.panel canvas { image-rendering: pixelated; width: 320px; height: 320px; border: 1px solid #ccc; background: #fff; }
.panel .cap { font-weight: 600; margin-bottom: 4px; }
.colorbar { display: flex; align-items: center; gap: 6px; margin-top: 6px; font-size: 12px; }
.colorbar canvas { width: 200px; height: 10px; border: 1px solid #ccc; }
.stats { margin-top: 12px; display: grid; grid-template-columns: max-content auto; gap: 2px 14px; }
.stats dt { color: #555; }
.stats dd { margin: 0; font-variant-numeric: tabular-nums; }
#backend { font-weight: 700; padding: 1px 8px; border-radius: 4px; background: #e3ecf7; }
#chart { width: 660px; height: 140px; border: 1px solid #ccc; background: #fff; margin-top: 12px; }
#notes { color: #777; font-size: 12px; }
#error { color: #b00020; white-space: pre-wrap; }
`;

/** The page: controls, the truth and emulation canvases, the numbers, the VRMSE chart. */
export function pageHtml(opts: { title: string; assets: string }): string {
  const a = escapeHtml(opts.assets);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(opts.title)}</h1>
<div class="sub"><span id="sub">Loading…</span> · <a href="index.html">benchmarks dashboard</a></div>
<div class="controls">
  <span>backend <span id="backend">…</span></span>
  <label>emulator <select id="model"></select></label>
  <label>trajectory <select id="traj"></select></label>
  <label>field <select id="field"></select></label>
  <label>member <select id="member"></select></label>
  <button id="play" disabled>Play</button>
  <button id="step" disabled>Step</button>
  <button id="reset" disabled>Reset</button>
  <label>frame <input id="frame" type="range" min="0" max="0" value="0" disabled> <span id="frameText">0</span></label>
</div>
<div class="panels">
  <div class="panel"><div class="cap">Simulator (truth)</div><canvas id="truth"></canvas></div>
  <div class="panel"><div class="cap" id="predCap">Emulator</div><canvas id="pred"></canvas></div>
  <div class="panel"><div class="cap">|error|</div><canvas id="err"></canvas></div>
</div>
<div class="colorbar"><span id="cmin"></span><canvas id="cbar" width="256" height="1"></canvas><span id="cmax"></span></div>
<dl class="stats">
  <dt>frame VRMSE (field, ensemble mean)</dt><dd id="vrmse">–</dd>
  <dt>running VRMSE (field, mean over frames)</dt><dd id="running">–</dd>
  <dt>time per emulated state</dt><dd id="perState">–</dd>
  <dt>model</dt><dd id="modelInfo">–</dd>
</dl>
<canvas id="chart" width="660" height="140"></canvas>
<div id="notes"></div>
<div id="error"></div>
<script src="${a}/emulate-data.js"></script>
<script src="${a}/emulate.js"></script>
</body>
</html>
`;
}
