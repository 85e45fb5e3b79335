#!/usr/bin/env bash
# Install what is missing, then build the whole lesson: per language lesson.<lang>.mp4 (chapters,
# its subtitle track, its speech with --voice), .srt/.vtt captions, one clip per section and
# language, manifest.json and index.html (presenter mode).
#   bash scripts/lesson.sh                                   # -ql, default digit, English, build/lesson/
#   bash scripts/lesson.sh -qh --digit my_digit.png --lang en,zh-Hant,ru --out out/lesson
#   bash scripts/lesson.sh --voice --lang en,ru                # spoken too (installs the offline voices)
#   bash scripts/lesson.sh --help                            # every option
# Exit code 0 only when every scene rendered; a failing scene is named with its error.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
exec python -m lessonbuild build "$@"
