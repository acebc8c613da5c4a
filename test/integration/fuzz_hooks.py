# Schemathesis hooks for fuzz.test.ts (loaded through SCHEMATHESIS_HOOKS): what the published schema
# cannot state, told to the fuzzer in its own terms, so that its positive and negative data checks
# hold the API to everything the schema can state.
import json

import schemathesis
from hypothesis import strategies as st


def _check_digit(nine: str) -> int:
    """Luhn over the first nine digits, as api/organisations/organisation-number.ts reckons it."""
    total = 0
    for i, digit in enumerate(nine):
        d = int(digit) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


@st.composite
def _organisation_numbers(draw):
    nine = draw(st.text("0123456789", min_size=2, max_size=2)) + draw(st.sampled_from("23456789")) + draw(st.text("0123456789", min_size=6, max_size=6))
    ten = nine + str(_check_digit(nine))
    form = draw(st.sampled_from(["hyphen", "plain", "prefixed"]))
    return f"{ten[:6]}-{ten[6:]}" if form == "hyphen" else ten if form == "plain" else f"16{ten}"


# The check digit is beyond any pattern: the format names the rule, and this is the rule.
schemathesis.openapi.format("se-organisation-number", _organisation_numbers())


# Refusals of schema-valid requests that depend on what exists, on the clock or on the world, not on
# the request's form: the positive data check is told of each, and of nothing else. Each is a 400
# naming its field; a refusal for any other reason, or naming any other field, stays a failure.
def _state_refusal(error: dict) -> bool:
    field, detail = error.get("field", ""), error.get("detail", "")
    # A cursor is a position the API gave: its form is published, whether the API gave it cannot be.
    if error.get("in") == "query" and field in ("after", "cursor") and (detail.startswith("Not a cursor ") or detail.startswith("The cursor belongs to ")):
        return True
    # Whether a webhook's host resolves, and to an address the SSRF guard takes, is the world's state.
    if field == "url" and (detail == "The URL names a host that does not resolve" or detail.startswith("The URL resolves to ")):
        return True
    # An expiry already past: the clock's state.
    if field == "expiresAt" and "has passed" in detail:
        return True
    return False


@schemathesis.hook
def filter_failure(context, failure, case, response):
    if type(failure).__name__ != "RejectedPositiveData" or response.status_code != 400:
        return True
    # A link that carried a null (a key bound to no organisation) into a path: schemathesis sends it
    # as `None`, a request no schema allows, whatever it calls it.
    if any(value is None for value in (case.path_parameters or {}).values()):
        return False
    try:
        errors = json.loads(response.content).get("errors") or []
    except ValueError:
        return True
    return not (errors and all(_state_refusal(error) for error in errors))
