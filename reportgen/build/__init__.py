"""The build: what changed (cache), the job matrix (jobs), and writing every file in one batch (commit)."""
