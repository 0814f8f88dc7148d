"""Course tooling that is not part of the lessons: exporting handouts, writing the student notebooks."""
