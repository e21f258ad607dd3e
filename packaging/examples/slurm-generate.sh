#!/usr/bin/env bash
# Generates one synthetic dataset with a SLURM job array: each task renders the samples i, i+N, i+2N, … of the same
# dataset (sample k always gets the same seed, so the result is byte-identical to one unsharded run).
#
#   sbatch --array=0-15 packaging/examples/slurm-generate.sh /scratch/$USER/m2 20000
#
# Every task writes into the same folder; files are written whole (temp file, then rename), and a task that is run
# again skips the samples already there.
#SBATCH --job-name=dislocate-generate
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=01:00:00
set -euo pipefail
out=${1:?usage: slurm-generate.sh OUT COUNT [more 'synthetic generate' options]}
count=${2:?usage: slurm-generate.sh OUT COUNT [more 'synthetic generate' options]}
shift 2
dislocate=${DISLOCATE:-dislocate}
task=${SLURM_ARRAY_TASK_ID:?run under 'sbatch --array', or set SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT}
tasks=${SLURM_ARRAY_TASK_COUNT:?set SLURM_ARRAY_TASK_COUNT (SLURM sets it for --array jobs)}
exec "$dislocate" synthetic generate --out "$out" --count "$count" --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$task/$tasks" "$@"
