/** A small line chart of one series per frame (the page's running VRMSE), drawn on a canvas. */

export function drawChart(canvas: HTMLCanvasElement, values: readonly number[], frames: number, title: string): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const w = canvas.width;
  const h = canvas.height;
  const left = 44,
    right = 10,
    top = 18,
    bottom = 20;
  ctx.clearRect(0, 0, w, h);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = '#333';
  ctx.fillText(title, left, 12);
  const finite = values.filter(Number.isFinite);
  const max = Math.max(1e-6, ...finite) * 1.1;
  const x = (t: number) => left + ((w - left - right) * t) / Math.max(1, frames - 1);
  const y = (v: number) => top + (h - top - bottom) * (1 - v / max);
  ctx.strokeStyle = '#bbb';
  ctx.beginPath();
  ctx.moveTo(left, top);
  ctx.lineTo(left, h - bottom);
  ctx.lineTo(w - right, h - bottom);
  ctx.stroke();
  ctx.fillStyle = '#555';
  ctx.fillText(max.toPrecision(2), 4, top + 4);
  ctx.fillText('0', 30, h - bottom);
  ctx.fillText('frame', left + 4, h - 6);
  ctx.fillText(String(frames - 1), x(frames - 1) - 8, h - 6);
  ctx.strokeStyle = '#3b6fb6';
  ctx.lineWidth = 2;
  ctx.beginPath();
  values.forEach((v, t) => {
    if (!Number.isFinite(v)) return;
    if (t === 0) ctx.moveTo(x(t), y(v));
    else ctx.lineTo(x(t), y(v));
  });
  ctx.stroke();
  ctx.lineWidth = 1;
}
