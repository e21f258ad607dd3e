#!/usr/bin/env bash
# Segments a long stack (or a folder of frames) with a SLURM job array, then joins the tables with one dependent job:
#
#   packaging/examples/slurm-segment.sh video.tif /scratch/$USER/video-seg 8
#
# submits 8 tasks running 'segment run --shard i/8' (frames with index % 8 == i; every task chooses the same
# '--scale auto' factor, on the same frames) and a job that runs 'segment merge' once they have all succeeded.
# Per-frame files land in OUT/labels, masks and labelme; the merged tables are OUT/dislocations.csv, lines.csv and
# segmentation.json, equal to what one unsharded run writes.
set -euo pipefail
input=${1:?usage: slurm-segment.sh INPUT OUT TASKS [more 'segment run' options]}
out=${2:?usage: slurm-segment.sh INPUT OUT TASKS [more 'segment run' options]}
tasks=${3:?usage: slurm-segment.sh INPUT OUT TASKS [more 'segment run' options]}
shift 3
dislocate=${DISLOCATE:-dislocate}
quoted=$(printf ' %q' "$@")
array=$(sbatch --parsable --array="0-$((tasks - 1))" --job-name=dislocate-segment --cpus-per-task=2 --mem=4G \
  --time=02:00:00 --wrap="$(printf '%q' "$dislocate") segment run $(printf '%q' "$input") --out $(printf '%q' "$out") --threads 2 --quiet --shard \$SLURM_ARRAY_TASK_ID/$tasks$quoted")
merge=$(sbatch --parsable --dependency="afterok:$array" --job-name=dislocate-merge --cpus-per-task=1 --mem=2G \
  --time=00:20:00 --wrap="$(printf '%q' "$dislocate") segment merge $(printf '%q' "$out") --replace true")
echo "submitted array job $array ($tasks tasks) and merge job $merge"
