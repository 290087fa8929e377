import { correction, generate } from 'lean-qr/nano';

/** What goes on a promoter's poster; every string is already translated and formatted. */
export interface PosterContent {
  title: string;
  /** The formatted price (¥29.90), or null when the program names none. */
  price: string | null;
  imageUrl: string | null;
  /** "{name} 推荐" */
  recommender: string;
  /** The line under it ("给你推荐一件好物"). */
  tagline: string;
  /** The initial in the recommender's avatar circle. */
  initial: string;
  /** Beside the QR code: "长按识别二维码" and "查看商品详情". */
  scan: string;
  scanSub: string;
  /** The promoter's link: what the QR code holds. */
  url: string;
  /** The card's font stack, so the poster reads like the page. */
  fontFamily: string;
  /** The brand colour (price, ribbon, avatar). */
  brand: string;
}

export interface PosterOptions {
  /** Device pixels per CSS pixel; capped at 2 (iOS refuses canvases over 16.7 M pixels, and 2× is sharp on every phone). */
  pixelRatio?: number;
  /** How long to wait for the product image before drawing a placeholder instead. */
  imageTimeoutMs?: number;
}

/** The poster's size in CSS pixels: a phone screen's width, so it reads 1:1 when saved. */
export const POSTER_WIDTH = 375;
export const POSTER_HEIGHT = 672;

const PAD = 20;
const IMAGE = { x: PAD, y: 84, size: POSTER_WIDTH - 2 * PAD };
const QR_SIZE = 104;
const TEXT = '#323233';
const TEXT_2 = '#646566';

/**
 * Draws a promoter's poster with plain Canvas 2D — product image, title, price, who recommends it
 * and a QR code of their link — and returns it as a PNG. Web fonts are awaited with the actual text
 * (canvas never loads them itself, and CJK fonts load in subsets); the product image is loaded with
 * CORS (a tainted canvas cannot be exported), and replaced by a placeholder when it cannot be.
 */
export async function drawPoster(content: PosterContent, options: PosterOptions = {}): Promise<Blob> {
  const ratio = Math.min(Math.max(options.pixelRatio ?? globalThis.devicePixelRatio ?? 1, 1), 2);
  const fonts = {
    name: `600 15px ${content.fontFamily}`,
    tagline: `400 12px ${content.fontFamily}`,
    title: `600 17px ${content.fontFamily}`,
    price: `700 28px ${content.fontFamily}`,
    scan: `600 15px ${content.fontFamily}`,
    scanSub: `400 13px ${content.fontFamily}`,
    initial: `600 16px ${content.fontFamily}`,
  };
  const [image] = await Promise.all([
    content.imageUrl ? loadImage(content.imageUrl, options.imageTimeoutMs ?? 8000) : Promise.resolve(null),
    loadFonts([
      [fonts.name, content.recommender],
      [fonts.tagline, content.tagline],
      [fonts.title, content.title],
      [fonts.price, content.price ?? ''],
      [fonts.scan, content.scan],
      [fonts.scanSub, content.scanSub],
      [fonts.initial, content.initial],
    ]),
  ]);

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(POSTER_WIDTH * ratio);
  canvas.height = Math.round(POSTER_HEIGHT * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.scale(ratio, ratio);
  ctx.textBaseline = 'alphabetic';

  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  // A ribbon in the brand colour: the poster is recognisably the shop's in a chat full of images.
  ctx.fillStyle = content.brand;
  ctx.fillRect(0, 0, POSTER_WIDTH, 6);

  // Who recommends it.
  const avatar = { x: PAD + 22, y: 44, r: 22 };
  ctx.beginPath();
  ctx.arc(avatar.x, avatar.y, avatar.r, 0, Math.PI * 2);
  ctx.fillStyle = content.brand;
  ctx.fill();
  ctx.fillStyle = '#fff';
  ctx.font = fonts.initial;
  ctx.textAlign = 'center';
  ctx.fillText(content.initial, avatar.x, avatar.y + 6);
  ctx.textAlign = 'left';
  const textX = avatar.x + avatar.r + 12;
  ctx.fillStyle = TEXT;
  ctx.font = fonts.name;
  ctx.fillText(ellipsize(ctx, content.recommender, POSTER_WIDTH - PAD - textX), textX, 40);
  ctx.fillStyle = TEXT_2;
  ctx.font = fonts.tagline;
  ctx.fillText(ellipsize(ctx, content.tagline, POSTER_WIDTH - PAD - textX), textX, 60);

  // The product image, cropped to a square (object-fit: cover), with rounded corners.
  ctx.save();
  roundedRect(ctx, IMAGE.x, IMAGE.y, IMAGE.size, IMAGE.size, 12);
  ctx.clip();
  if (image && image.naturalWidth === image.naturalHeight) {
    // Square already: no source rectangle, which Chrome mis-scales for SVGs without a width and height.
    ctx.drawImage(image, IMAGE.x, IMAGE.y, IMAGE.size, IMAGE.size);
  } else if (image) {
    const side = Math.min(image.naturalWidth, image.naturalHeight);
    const sx = (image.naturalWidth - side) / 2;
    const sy = (image.naturalHeight - side) / 2;
    ctx.drawImage(image, sx, sy, side, side, IMAGE.x, IMAGE.y, IMAGE.size, IMAGE.size);
  } else {
    drawPlaceholder(ctx);
  }
  ctx.restore();

  // Title (two lines at most) and price.
  let y = IMAGE.y + IMAGE.size + 30;
  ctx.fillStyle = TEXT;
  ctx.font = fonts.title;
  for (const line of wrap(ctx, content.title, POSTER_WIDTH - 2 * PAD, 2)) {
    ctx.fillText(line, PAD, y);
    y += 25;
  }
  if (content.price) {
    ctx.fillStyle = content.brand;
    ctx.font = fonts.price;
    ctx.fillText(content.price, PAD, y + 12);
  }

  // A dashed rule, then the QR code and what to do with it.
  const qrTop = POSTER_HEIGHT - PAD - QR_SIZE;
  ctx.strokeStyle = '#ebedf0';
  ctx.setLineDash([4, 4]);
  ctx.beginPath();
  ctx.moveTo(PAD, qrTop - 16.5);
  ctx.lineTo(POSTER_WIDTH - PAD, qrTop - 16.5);
  ctx.stroke();
  ctx.setLineDash([]);
  const qrLeft = POSTER_WIDTH - PAD - QR_SIZE;
  ctx.fillStyle = TEXT;
  ctx.font = fonts.scan;
  ctx.fillText(ellipsize(ctx, content.scan, qrLeft - PAD - 12), PAD, qrTop + 44);
  ctx.fillStyle = TEXT_2;
  ctx.font = fonts.scanSub;
  ctx.fillText(ellipsize(ctx, content.scanSub, qrLeft - PAD - 12), PAD, qrTop + 68);
  drawQr(ctx, content.url, qrLeft, qrTop, QR_SIZE, ratio);

  return toPng(canvas);
}

/** Loads fonts for the text they will draw; a font that cannot load leaves the fallback, never an error. */
async function loadFonts(specs: [font: string, text: string][]): Promise<void> {
  const fonts = globalThis.document?.fonts;
  if (!fonts?.load) return;
  const loads = Promise.all(specs.filter(([, text]) => text).map(([font, text]) => fonts.load(font, text).catch(() => [])));
  // A stalled font server must not stall the poster.
  await Promise.race([loads, new Promise((resolve) => setTimeout(resolve, 3000))]);
}

/**
 * Loads an image for a canvas that will be exported: `crossOrigin` is set before `src`, or the
 * canvas is tainted. Chrome may answer from a copy cached without CORS (the card's own <img>), which
 * fails the CORS check: one retry with a cache-busting parameter fetches a fresh copy.
 */
async function loadImage(url: string, timeoutMs: number): Promise<HTMLImageElement | null> {
  const attempt = (src: string) =>
    new Promise<HTMLImageElement | null>((resolve) => {
      const image = new Image();
      const timer = setTimeout(() => resolve(null), timeoutMs);
      image.crossOrigin = 'anonymous';
      image.decoding = 'async';
      image.onload = () => {
        clearTimeout(timer);
        resolve(image.naturalWidth > 0 ? image : null);
      };
      image.onerror = () => {
        clearTimeout(timer);
        resolve(null);
      };
      image.src = src;
    });
  const first = await attempt(url);
  if (first || url.startsWith('data:')) return first;
  const busted = new URL(url, globalThis.location?.href);
  busted.searchParams.set('flock_poster', '1');
  return attempt(busted.toString());
}

/** A quiet stand-in for a product image that could not be loaded: a grey square with a picture glyph. */
function drawPlaceholder(ctx: CanvasRenderingContext2D) {
  const { x, y, size } = IMAGE;
  ctx.fillStyle = '#f2f3f5';
  ctx.fillRect(x, y, size, size);
  const cx = x + size / 2;
  const cy = y + size / 2;
  ctx.strokeStyle = '#c8c9cc';
  ctx.fillStyle = '#c8c9cc';
  ctx.lineWidth = 4;
  ctx.lineJoin = 'round';
  roundedRect(ctx, cx - 44, cy - 34, 88, 68, 8);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(cx + 18, cy - 12, 8, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(cx - 36, cy + 26);
  ctx.lineTo(cx - 10, cy - 4);
  ctx.lineTo(cx + 8, cy + 14);
  ctx.lineTo(cx + 18, cy + 4);
  ctx.lineTo(cx + 36, cy + 26);
  ctx.closePath();
  ctx.fill();
  ctx.lineWidth = 1;
}

/**
 * The QR code of the link, in error correction M (a phone photo of a chat image still reads), on
 * whole device pixels: a module that straddles pixels blurs into grey and scanners misread it.
 */
function drawQr(ctx: CanvasRenderingContext2D, url: string, x: number, y: number, size: number, ratio: number) {
  const code = generate(url, { minCorrectionLevel: correction.M });
  const quiet = 2; // modules of white around the code; the poster's white margin adds the rest
  const boxPx = Math.round(size * ratio);
  const modulePx = Math.max(1, Math.floor(boxPx / (code.size + 2 * quiet)));
  const codePx = modulePx * code.size;
  const left = Math.round(x * ratio) + Math.floor((boxPx - codePx) / 2);
  const top = Math.round(y * ratio) + Math.floor((boxPx - codePx) / 2);
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = '#fff';
  ctx.fillRect(Math.round(x * ratio), Math.round(y * ratio), boxPx, boxPx);
  ctx.fillStyle = '#000';
  for (let row = 0; row < code.size; row++) {
    for (let col = 0; col < code.size; col++) {
      if (code.get(col, row)) ctx.fillRect(left + col * modulePx, top + row * modulePx, modulePx, modulePx);
    }
  }
  ctx.restore();
}

/** A rounded rectangle path (CanvasRenderingContext2D.roundRect is missing in the old in-app engines). */
function roundedRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** Breakable pieces: each CJK character, or a Latin word with its trailing space. */
const pieces = (text: string) =>
  text.match(/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+/g) ?? [];

/** Wraps text into at most `maxLines` lines of `width`, the last one ending in … when cut. */
export function wrap(
  ctx: Pick<CanvasRenderingContext2D, 'measureText'>,
  text: string,
  width: number,
  maxLines: number,
): string[] {
  const lines: string[] = [];
  let line = '';
  const list = pieces(text.trim());
  for (let i = 0; i < list.length; i++) {
    const piece = list[i]!;
    if (ctx.measureText((line + piece).trimEnd()).width <= width || line === '') {
      line += piece;
      continue;
    }
    if (lines.length === maxLines - 1) return [...lines, ellipsize(ctx, `${line}${list.slice(i).join('')}`, width)];
    lines.push(line.trimEnd());
    line = piece.trimStart();
  }
  if (line) lines.push(lines.length === maxLines - 1 ? ellipsize(ctx, line, width) : line.trimEnd());
  return lines;
}

/** Cuts text to `width`, ending in … when it does not fit. */
function ellipsize(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, width: number): string {
  const trimmed = text.trim();
  if (ctx.measureText(trimmed).width <= width) return trimmed;
  const chars = [...trimmed];
  while (chars.length > 0 && ctx.measureText(`${chars.join('').trimEnd()}…`).width > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the poster could not be encoded'))), 'image/png'),
  );
}
