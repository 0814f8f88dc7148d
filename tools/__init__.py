"""Course tooling that is not part of the lessons: exporting handouts."""
