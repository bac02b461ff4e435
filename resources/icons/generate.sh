#!/usr/bin/env bash
# Regenerates the app icon's sizes from icon.svg (run after editing the drawing; the outputs are committed).
# Needs Debian's librsvg2-bin (rsvg-convert), icnsutils (png2icns) and imagemagick (convert):
#   apt-get install -y --no-install-recommends librsvg2-bin icnsutils imagemagick
set -euo pipefail
cd "$(dirname "$0")"
convert=/usr/bin/convert # the real ImageMagick, whatever stand-in is earlier on PATH
rm -rf png && mkdir png
for size in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$size" -h "$size" icon.svg -o "png/${size}x${size}.png"
done
cp png/1024x1024.png icon.png # electron-builder's fallback and the window icon
"$convert" png/16x16.png png/24x24.png png/32x32.png png/48x48.png png/64x64.png png/128x128.png png/256x256.png icon.ico
png2icns icon.icns png/16x16.png png/32x32.png png/48x48.png png/128x128.png png/256x256.png png/512x512.png png/1024x1024.png >/dev/null
echo "icons: $(ls png | tr '\n' ' ')icon.png icon.ico icon.icns"
