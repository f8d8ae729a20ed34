"""Turn input paths into `Article`s, accounting for every input.

`read_inputs` yields one `(InputRecord, Article | None)` per input; files, globs, folders,
`-` for stdin, gzip of any supported kind, and JSON/JSONL files holding many articles.
"""

from storyline.ingest.files import IngestResult, read_inputs

__all__ = ["IngestResult", "read_inputs"]
