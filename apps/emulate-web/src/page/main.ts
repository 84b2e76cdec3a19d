/**
 * The page: picks a backend (webgpu → wasm → cpu, or `?backend=` for one), rebuilds the models
 * from the embedded runs, and emulates a test trajectory beside the simulator's truth. URL
 * parameters: `backend`, `members` (DM ensemble, default 4), `steps` (DM sampler steps, default
 * 16), `seed`, `colormap`. `window.lolaEmulate` lets a headless browser drive it (tests, benchmark).
 */
import '@tensorflow/tfjs-backend-webgpu';
import { BROWSER_BACKENDS, initBrowserRuntime, type BrowserBackend, type BrowserRuntimeInfo } from '@lola-ts/nn-blocks';
import { SITE_DATA_GLOBAL, type RunRequest, type RunResult, type SiteData } from '../manifest.js';
import { COLORMAPS, displayRange, drawField, palette } from './colormap.js';
import { drawChart } from './chart.js';
import { EmulationSession, loadModels, trajectoryFrames, type Models } from './session.js';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const params = new URLSearchParams(location.search);
const intParam = (name: string, fallback: number) => {
  const v = params.get(name);
  const n = v === null ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`URL parameter ${name}=${v}: expected a non-negative integer`);
  return n;
};

function setOptions(select: HTMLSelectElement, items: { value: string; text: string }[], keep = true): void {
  const old = select.value;
  select.replaceChildren(...items.map((i) => new Option(i.text, i.value)));
  if (keep && items.some((i) => i.value === old)) select.value = old;
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s)) return '–';
  return s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1000).toFixed(s < 0.01 ? 2 : 1)} ms`;
}

async function start(): Promise<void> {
  const data = (globalThis as Record<string, unknown>)[SITE_DATA_GLOBAL] as SiteData | undefined;
  if (!data) throw new Error('the page data (emulate-assets/emulate-data.js) did not load; rebuild the site with `npm run site`');
  const wanted = params.get('backend');
  if (wanted && !(BROWSER_BACKENDS as readonly string[]).includes(wanted))
    throw new Error(`URL parameter backend=${wanted}: expected one of ${BROWSER_BACKENDS.join(', ')}`);
  const wasmPaths: Record<string, string> = {};
  for (const [name, b64] of Object.entries(data.wasm)) wasmPaths[name] = `data:application/wasm;base64,${b64}`;
  const runtime: BrowserRuntimeInfo = await initBrowserRuntime({
    order: wanted ? [wanted as BrowserBackend] : BROWSER_BACKENDS,
    wasmPaths,
  });
  $('backend').textContent =
    runtime.backend +
    (runtime.backend === 'wasm'
      ? ` (${runtime.simd ? 'SIMD' : 'no SIMD'}, ${runtime.threads} thread${runtime.threads > 1 ? 's' : ''})`
      : '');
  $('notes').textContent = runtime.notes.length ? `Skipped: ${runtime.notes.join('; ')}` : '';
  const models: Models = loadModels(data);
  const [T, H, W, C] = data.shape as [number, number, number, number];
  if (data.shape.length !== 4) throw new Error(`the page draws 2-D fields; the data have shape [${data.shape.join(', ')}]`);
  const members = Math.max(1, intParam('members', 4));
  const steps = Math.max(1, intParam('steps', 16));
  const seed = intParam('seed', 0);
  const colormap = params.get('colormap') ?? 'viridis';
  $('sub').textContent =
    `${data.dataset} · AE ${data.ae.runId} (${models.compressionRate.toFixed(0)}× compression) · ${T} frames of ${H}×${W}×${C} at stride ${data.trajectories[0]!.stride} · built ${data.built.date.slice(0, 10)}${data.built.commit ? ` from ${data.built.commit.slice(0, 8)}` : ''}`;

  const sel = {
    model: $<HTMLSelectElement>('model'),
    traj: $<HTMLSelectElement>('traj'),
    field: $<HTMLSelectElement>('field'),
    member: $<HTMLSelectElement>('member'),
  };
  setOptions(
    sel.model,
    models.emulators.map((e, i) => ({ value: String(i), text: `${e.run.kind.toUpperCase()} · ${e.run.runId}` })),
  );
  setOptions(
    sel.traj,
    data.trajectories.map((t, i) => ({ value: String(i), text: `${t.file} #${t.traj}` })),
  );
  setOptions(
    sel.field,
    data.channels.map((c, i) => ({ value: String(i), text: c })),
  );
  const cmap = document.createElement('select');
  setOptions(
    cmap,
    COLORMAPS.map((c) => ({ value: c, text: c })),
  );
  cmap.value = COLORMAPS.includes(colormap) ? colormap : 'viridis';
  const cmapLabel = document.createElement('label');
  cmapLabel.append('colormap ', cmap);
  $('reset').after(cmapLabel);

  const truths = data.trajectories.map(trajectoryFrames);
  let session: EmulationSession | null = null;
  let shown = 0;
  let playing = false;
  let busy: Promise<unknown> = Promise.resolve();
  const frameInput = $<HTMLInputElement>('frame');

  function newSession(req: RunRequest = {}): EmulationSession {
    session?.dispose();
    const e =
      req.emulator !== undefined
        ? models.emulators.findIndex((x) => x.run.runId === req.emulator || x.run.kind === req.emulator)
        : Number(sel.model.value);
    if (e < 0) throw new Error(`no emulator '${req.emulator}' (have ${models.emulators.map((x) => x.run.runId).join(', ')})`);
    sel.model.value = String(e);
    if (req.traj !== undefined) sel.traj.value = String(req.traj);
    const t = Number(sel.traj.value);
    const em = models.emulators[e]!;
    session = new EmulationSession(models, em, truths[t]!, data!.shape, data!.trajectories[t]!.label, {
      members: req.members ?? members,
      steps: req.steps ?? steps,
      seed: req.seed ?? seed,
      frames: req.frames,
    });
    const S = session.members;
    setOptions(
      sel.member,
      [
        ...(S > 1 ? [{ value: 'mean', text: 'ensemble mean' }] : []),
        ...Array.from({ length: S }, (_, s) => ({ value: String(s), text: `member ${s}` })),
      ],
      false,
    );
    sel.member.disabled = S === 1;
    $('predCap').textContent = `${em.run.kind.toUpperCase()} emulation (${em.run.runId})`;
    $('modelInfo').textContent =
      em.model.kind === 'dm'
        ? `latent DM, ${S} members, ${req.steps ?? steps} sampler steps (AB3), window ${em.window}, seed ${req.seed ?? seed}`
        : `latent NS (deterministic), window ${em.window}`;
    shown = 0;
    frameInput.max = '0';
    frameInput.value = '0';
    draw();
    return session;
  }

  function fieldRange(t: number, c: number): [number, number] {
    const x = truths[t]!;
    const vals = new Float32Array(x.length / C);
    for (let i = 0; i < vals.length; i++) vals[i] = x[i * C + c]!;
    return displayRange(vals);
  }
  const ranges = new Map<string, [number, number]>();

  function draw(): void {
    if (!session) return;
    const t = Number(sel.traj.value);
    const c = Number(sel.field.value);
    const key = `${t}/${c}`;
    if (!ranges.has(key)) ranges.set(key, fieldRange(t, c));
    const [lo, hi] = ranges.get(key)!;
    const colors = cmap.value;
    const n = H * W * C;
    drawField($('truth'), truths[t]!, H, W, { offset: shown * n + c, step: C, lo, hi, colormap: colors });
    const bar = $<HTMLCanvasElement>('cbar');
    const ctx = bar.getContext('2d')!;
    const pal = palette(colors);
    for (let i = 0; i < 256; i++) {
      ctx.fillStyle = `rgb(${pal[i * 3]},${pal[i * 3 + 1]},${pal[i * 3 + 2]})`;
      ctx.fillRect(i, 0, 1, 1);
    }
    $('cmin').textContent = lo.toPrecision(3);
    $('cmax').textContent = hi.toPrecision(3);
    $('frameText').textContent =
      `${shown} / ${session.total - 1}${session.produced < session.total ? ` (emulated ${session.produced})` : ''}`;
    const frame = session.frames[shown];
    if (frame) {
      const S = session.members;
      let pred: Float32Array;
      if (sel.member.value === 'mean') {
        pred = new Float32Array(n);
        for (let s = 0; s < S; s++) for (let i = 0; i < n; i++) pred[i]! += frame[s * n + i]! / S;
      } else {
        pred = frame.subarray(Number(sel.member.value) * n, (Number(sel.member.value) + 1) * n);
      }
      drawField($('pred'), pred, H, W, { offset: c, step: C, lo, hi, colormap: colors });
      const truth = truths[t]!.subarray(shown * n, (shown + 1) * n);
      const err = new Float32Array(H * W);
      for (let p = 0; p < H * W; p++) err[p] = Math.abs(pred[p * C + c]! - truth[p * C + c]!);
      drawField($('err'), err, H, W, { lo: 0, hi: hi - lo, colormap: colors });
      const v = session.vrmse.map((row) => row[c]!);
      $('vrmse').textContent = v[shown]!.toFixed(4);
      const upTo = v.slice(1, shown + 1);
      $('running').textContent = upTo.length
        ? `${(upTo.reduce((a, b) => a + b, 0) / upTo.length).toFixed(4)} over frames 1–${shown}`
        : '– (frame 0 is the initial state)';
      drawChart($<HTMLCanvasElement>('chart'), v, session.total, `VRMSE of ${data!.channels[c]} per frame`);
    } else {
      for (const id of ['pred', 'err']) $<HTMLCanvasElement>(id).getContext('2d')?.clearRect(0, 0, W, H);
    }
    const sps = session.secondsPerState(true);
    $('perState').textContent = session.windows.length
      ? `${fmtSeconds(sps)} (${session.members} member${session.members > 1 ? 's' : ''} × ${session.produced} frames; ${runtime.backend})`
      : '–';
  }

  /** Shows the next frame, emulating a window first when needed; false at the end. */
  async function advance(): Promise<boolean> {
    const s = session!;
    if (shown + 1 >= s.total) return false;
    if (shown + 1 >= s.produced) await s.next();
    if (s !== session) return false;
    shown++;
    frameInput.max = String(s.produced - 1);
    frameInput.value = String(shown);
    draw();
    return true;
  }

  async function play(): Promise<void> {
    playing = true;
    $('play').textContent = 'Pause';
    while (playing && (await advance())) await new Promise((r) => setTimeout(r, 150));
    playing = false;
    $('play').textContent = 'Play';
  }

  const showError = (e: unknown) => {
    playing = false;
    const hint = runtime.backend === 'wasm' ? '' : ` (on ${runtime.backend}; reload with ?backend=wasm to use WebAssembly)`;
    $('error').textContent = `Emulation failed${hint}: ${e instanceof Error ? e.message : String(e)}`;
  };
  const queue = <T>(f: () => Promise<T>): Promise<T> => {
    const p = busy.then(f, f);
    busy = p.catch(showError);
    return p;
  };
  $('play').onclick = () => {
    if (playing) playing = false;
    else void queue(play);
  };
  $('step').onclick = () => {
    playing = false;
    void queue(advance);
  };
  $('reset').onclick = () => {
    playing = false;
    void queue(async () => newSession());
  };
  sel.model.onchange = sel.traj.onchange = () => $('reset').click();
  sel.field.onchange = sel.member.onchange = cmap.onchange = () => draw();
  frameInput.oninput = () => {
    if (!session) return;
    shown = Math.min(Number(frameInput.value), session.produced - 1);
    draw();
  };

  newSession();
  for (const id of ['play', 'step', 'reset']) $<HTMLButtonElement>(id).disabled = false;
  frameInput.disabled = false;

  const api = {
    info: {
      backend: runtime.backend,
      notes: runtime.notes,
      simd: runtime.simd,
      threads: runtime.threads,
      emulators: models.emulators.map((e) => ({ runId: e.run.runId, kind: e.run.kind })),
      channels: data.channels,
      shape: data.shape,
      trajectories: data.trajectories.length,
      compressionRate: models.compressionRate,
      userAgent: navigator.userAgent,
    },
    /** Emulates a whole trajectory (drawing every frame) and returns the numbers. */
    run: (req: RunRequest = {}) =>
      queue(async (): Promise<RunResult> => {
        playing = false;
        const s = newSession(req);
        while (!s.done) {
          await s.next();
          shown = s.produced - 1;
          frameInput.max = String(shown);
          frameInput.value = String(shown);
          draw();
          await new Promise((r) => setTimeout(r, 0));
        }
        const S = s.members;
        const n = H * W * C;
        const values = new Array<number>(S * s.total * n);
        s.frames.forEach((f, t) => {
          for (let m = 0; m < S; m++) for (let i = 0; i < n; i++) values[(m * s.total + t) * n + i] = f[m * n + i]!;
        });
        return {
          backend: runtime.backend,
          emulator: s.emulator.run.runId,
          kind: s.emulator.model.kind,
          members: S,
          steps: req.steps ?? steps,
          frames: s.total,
          shape: data.shape,
          channels: data.channels,
          values,
          vrmse: s.vrmse,
          secondsPerState: s.secondsPerState(),
          secondsPerStateWarm: s.secondsPerState(true),
          windows: s.windows,
          compressionRate: models.compressionRate,
        };
      }),
    /** Distinct colours and whether any pixel is the non-finite marker, per canvas. */
    canvasStats: () =>
      Object.fromEntries(
        ['truth', 'pred', 'err'].map((id) => {
          const cv = $<HTMLCanvasElement>(id);
          const px = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
          const colours = new Set<number>();
          let magenta = 0;
          for (let i = 0; i < px.length; i += 4) {
            colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
            if (px[i] === 255 && px[i + 1] === 0 && px[i + 2] === 255) magenta++;
          }
          return [id, { width: cv.width, height: cv.height, colours: colours.size, nonFinite: magenta }];
        }),
      ),
  };
  (globalThis as Record<string, unknown>).lolaEmulate = api;
}

const ready = start().then(
  () => true,
  (e: unknown) => {
    const text = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    const el = document.getElementById('error');
    if (el) el.textContent = `Error: ${text}`;
    (globalThis as Record<string, unknown>).lolaEmulateError = text;
    return false;
  },
);
(globalThis as Record<string, unknown>).lolaEmulateReady = ready;
