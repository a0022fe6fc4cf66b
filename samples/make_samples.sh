#!/usr/bin/env bash
# Rebuild the sample answers from their texts. Needs espeak-ng and sox.
# Each answer is spoken by espeak-ng (voice en-us) and converted to 16 kHz mono 16-bit WAV.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# strong: a steady 165 wpm, statements, one real question at the end.
espeak-ng -v en-us -s 165 -p 40 -w "$tmp/strong.wav" -f strong.txt
sox "$tmp/strong.wav" -r 16000 -c 1 -b 16 strong.wav pad 0.4 0.5

# pleading: higher pitch (-p 70) and statements written with "?" so they end rising.
espeak-ng -v en-us -s 150 -p 70 -w "$tmp/pleading.wav" -f pleading.txt
sox "$tmp/pleading.wav" -r 16000 -c 1 -b 16 pleading.wav pad 1.2 0.5

# hesitant: slow (120 wpm), a 2.5 s wait before starting, and a silence of 1.2 to 2.0 s
# between the lines (each line spoken separately, then joined).
n=0
while IFS= read -r line; do
  n=$((n + 1))
  espeak-ng -v en-us -s 120 -p 50 -w "$tmp/h$n.wav" "$line"
  sox "$tmp/h$n.wav" -r 16000 -c 1 -b 16 "$tmp/h$n.16k.wav"
done < hesitant.txt
parts=()
gaps=(1.2 2.0 1.5 1.8)
for i in $(seq 1 "$n"); do
  parts+=("$tmp/h$i.16k.wav")
  if [ "$i" -lt "$n" ]; then
    sox -n -r 16000 -c 1 -b 16 "$tmp/gap$i.wav" trim 0 "${gaps[$((i - 1))]}"
    parts+=("$tmp/gap$i.wav")
  fi
done
sox "${parts[@]}" "$tmp/hesitant_joined.wav"
sox "$tmp/hesitant_joined.wav" hesitant.wav pad 2.5 0.5
