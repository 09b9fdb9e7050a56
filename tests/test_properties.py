"""Property tests: any text, title and publication date -> an extraction that holds.

`scripts/property_run.py` runs the same property for many more cases (README,
Reliability, records such a run).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from property_cases import articles, check


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=articles)
def test_any_article_gives_a_valid_result(pipeline: Pipeline, raw: RawArticle) -> None:
    (result,) = list(pipeline.extract([raw]))
    check(result, raw)
