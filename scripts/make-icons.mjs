// Generates every icon the app and its installers use from the SVG sources in resources/:
//
//   resources/icon.svg               -> resources/icons/icon.icns (macOS), resources/icons/icon.ico
//                                       (Windows), resources/icons/png/<n>x<n>.png (Linux, one per
//                                       size electron-builder installs into hicolor), and
//                                       resources/icon.png (512 px, the window and notification icon)
//   resources/tray/tray-<state>.svg  -> resources/tray/tray-<state>.png + @2x.png (Linux, Windows:
//                                       white glyph with a dark halo, readable on light and dark
//                                       panels) and tray-<state>Template.png + Template@2x.png
//                                       (macOS template images: black and alpha only, the menu bar
//                                       tints them)
//
// Run with `npm run icons` after editing an SVG and commit the results: building the app must not
// need sharp (a native module with its own downloads), so the generated files live in git.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resources = join(root, 'resources');
const require = createRequire(import.meta.url);
const iconGenModule = require('icon-gen');
// icon-gen 5 is CommonJS with `module.exports = generateIcon`; its typings describe a default export.
const iconGen = iconGenModule.default ?? iconGenModule;
// sharp comes with icon-gen (which renders the SVG with it): load that very copy.
const sharp = createRequire(require.resolve('icon-gen'))('sharp');

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const TRAY_STATES = ['idle', 'attention', 'offline'];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];
// Colours of the Linux/Windows tray glyph: a white glyph on a dark plate with a dark halo. Neither
// light nor dark panels swallow both, so one file serves either theme (Electron cannot ask the
// panel its colour). The plate is the frame's outer outline, shared by every tray SVG: filling it
// keeps the 16 px image two flat tones instead of a halo around every small hole.
const TRAY_FILL = '#FFFFFF';
const TRAY_HALO = '#262626';
const TRAY_HALO_WIDTH = 2.5; // in the 32 px design grid: 1.25 px around the glyph at 32 px
const TRAY_PLATE = '<rect x="3" y="3" width="26" height="26" rx="6"/>';

/** SVG text -> PNG of size x size, rendered at a density that maps the viewBox to that size. */
async function renderSvg(svg, size) {
  const viewBoxWidth = Number(/viewBox="0 0 (\d+(?:\.\d+)?)/.exec(svg)?.[1]);
  if (!Number.isFinite(viewBoxWidth) || viewBoxWidth <= 0) throw new Error('SVG without a 0 0 w h viewBox');
  // 72 dpi is 1 user unit per pixel; rendering straight at the target size keeps thin lines crisp
  // instead of downscaling one large bitmap.
  const density = (72 * size) / viewBoxWidth;
  return sharp(Buffer.from(svg), { density })
    .resize(size, size, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Forces every pixel to black, keeping only its alpha: what macOS expects of a template image. */
async function blackAndAlpha(png) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 4) {
    data[i] = 0;
    data[i + 1] = 0;
    data[i + 2] = 0;
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** Splits a tray SVG into the parts around its `<g id="glyph">…</g>` group. */
export function splitGlyph(svg) {
  const match = /^([\s\S]*)<g id="glyph">([\s\S]*)<\/g>(\s*<\/svg>\s*)$/.exec(svg);
  if (!match) throw new Error('a tray SVG must end with its <g id="glyph">…</g> group');
  const [, before, glyph, after] = match;
  return { before, glyph, after };
}

export function templateSvg(svg) {
  const { before, glyph, after } = splitGlyph(svg);
  return `${before}<g fill="#000000">${glyph}</g>${after}`;
}

export function haloSvg(svg) {
  const { before, glyph, after } = splitGlyph(svg);
  const halo = `<g fill="${TRAY_HALO}" stroke="${TRAY_HALO}" stroke-width="${TRAY_HALO_WIDTH}" stroke-linejoin="round">${TRAY_PLATE}${glyph}</g>`;
  return `${before}${halo}<g fill="${TRAY_FILL}">${glyph}</g>${after}`;
}

async function appIcons() {
  const source = join(resources, 'icon.svg');
  const svg = readFileSync(source, 'utf8');
  const iconsDir = join(resources, 'icons');
  const pngDir = join(iconsDir, 'png');
  rmSync(pngDir, { recursive: true, force: true });
  mkdirSync(pngDir, { recursive: true });
  for (const size of LINUX_SIZES) {
    writeFileSync(join(pngDir, `${size}x${size}.png`), await renderSvg(svg, size));
  }
  writeFileSync(join(resources, 'icon.png'), await renderSvg(svg, 512));

  // icon-gen writes <name>.ico / <name>.icns into a folder: a scratch one, then moved in place,
  // so a failed run leaves the committed icons as they were.
  const scratch = mkdtempSync(join(tmpdir(), 'avatar-watch-icons-'));
  try {
    await iconGen(source, scratch, {
      report: false,
      ico: { name: 'icon', sizes: ICO_SIZES },
      icns: { name: 'icon', sizes: ICNS_SIZES },
    });
    for (const file of ['icon.ico', 'icon.icns']) renameSync(join(scratch, file), join(iconsDir, file));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function trayIcons() {
  const trayDir = join(resources, 'tray');
  for (const state of TRAY_STATES) {
    const svg = readFileSync(join(trayDir, `tray-${state}.svg`), 'utf8');
    for (const [suffix, size] of [['', 16], ['@2x', 32]]) {
      writeFileSync(join(trayDir, `tray-${state}${suffix}.png`), await renderSvg(haloSvg(svg), size));
      const template = await blackAndAlpha(await renderSvg(templateSvg(svg), size));
      writeFileSync(join(trayDir, `tray-${state}Template${suffix}.png`), template);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await appIcons();
  await trayIcons();
  console.log(
    `make-icons: resources/icon.png, resources/icons/{icon.icns,icon.ico,png/${LINUX_SIZES.length} sizes}, ` +
      `resources/tray/ (${TRAY_STATES.length} states x 4 images)`,
  );
}
