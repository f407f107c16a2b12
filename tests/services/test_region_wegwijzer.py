"""The region overview shows per school its latest Wegwijzer: the median per domain of
all participants' scores of the latest trajectory that has scores, "< 5" below five
participants, only for the schools in the analyst's figures."""
from datetime import datetime, timedelta, timezone

import pytest

from coordination.extensions import db
from coordination.region import services as region
from coordination.timeutil import AMSTERDAM, today_local
from coordination.wegwijzer.models import Participant, Round, Score, Trajectory


def trajectory(school, by, started_days_ago, scores, scored_days_ago=1):
    """A trajectory of `school`; `scores`: {domain: [one score per participant]}, each
    participant a representative of their own."""
    started = datetime.now(timezone.utc) - timedelta(days=started_days_ago)
    row = Trajectory(school_id=school.id, title="Wegwijzer", started_by_id=by.id,
                     started_at=started)
    db.session.add(row)
    db.session.flush()
    first = Round(trajectory_id=row.id, number=1, started_by_id=by.id, started_at=started)
    db.session.add(first)
    db.session.flush()
    participants = max((len(v) for v in scores.values()), default=0)
    people = []
    for n in range(participants):
        person = Participant(trajectory_id=row.id, round_id=first.id, group="parents",
                             name=f"Rep {n}",
                             invited_by_id=by.id)
        db.session.add(person)
        people.append(person)
    db.session.flush()
    at = datetime.now(timezone.utc) - timedelta(days=scored_days_ago)
    for domain, values in scores.items():
        for person, value in zip(people, values, strict=False):
            db.session.add(Score(participant_id=person.id, domain=domain, score=value, at=at))
    db.session.commit()
    row.test_started = started
    return row


@pytest.fixture
def world(app, make):
    atlas, corbulo = make.school(name="Atlas"), make.school(name="Corbulo")
    analyst = make.link(make.user("analyst"), atlas)
    make.student(atlas)
    make.student(corbulo)
    coordinator = make.user("coordinator")
    return {"atlas": atlas, "corbulo": corbulo, "analyst": analyst, "by": coordinator}


def _row(overview, school):
    return next(r for r in overview.by_school if r["school_id"] == school.id)


def test_the_latest_trajectory_with_scores_counts_and_small_domains_are_hidden(world):
    atlas, by = world["atlas"], world["by"]
    trajectory(atlas, by, 400, {"school_climate": [1, 1, 1, 1, 1]})
    latest = trajectory(atlas, by, 30, {"school_climate": [4, 6, 7, 8, 9, 9],
                                        "collaboration": [2, 3, 4]})
    trajectory(atlas, by, 2, {})  # started, nobody scored yet
    shown = _row(region.overview(world["analyst"], today_local()), atlas)["wegwijzer"]
    assert shown["started_on"] == latest.test_started.astimezone(AMSTERDAM).date()
    assert shown["domains"]["school_climate"] == 7.5
    assert shown["domains"]["collaboration"] == "< 5"
    assert shown["domains"]["classmates"] == "< 5"


def test_scores_given_after_the_day_of_the_figures_do_not_count(world):
    atlas, by = world["atlas"], world["by"]
    trajectory(atlas, by, 400, {"classmates": [5, 5, 5, 5, 5]}, scored_days_ago=300)
    trajectory(atlas, by, 30, {"classmates": [9, 9, 9, 9, 9]}, scored_days_ago=1)
    earlier = region.overview(world["analyst"], today_local() - timedelta(days=10))
    assert _row(earlier, atlas)["wegwijzer"]["domains"]["classmates"] == 5
    now = region.overview(world["analyst"], today_local())
    assert _row(now, atlas)["wegwijzer"]["domains"]["classmates"] == 9


def test_a_school_without_scores_has_none_and_other_schools_are_not_shown(world):
    trajectory(world["corbulo"], world["by"], 30, {"classmates": [9, 9, 9, 9, 9]})
    overview = region.overview(world["analyst"], today_local())
    assert [r["name"] for r in overview.by_school] == ["Atlas"]
    assert _row(overview, world["atlas"])["wegwijzer"] is None


def test_the_csv_puts_the_medians_beside_the_tiers_and_thuiszitters(world):
    trajectory(world["atlas"], world["by"], 30, {"home_situation": [6, 7, 8, 8, 9]})
    text = region.overview_csv(region.overview(world["analyst"], today_local()), "wegwijzer")
    header, row = [line.split(",") for line in text.strip().splitlines()]
    assert header[:3] == ["school_id", "school", "tier_1"]
    assert row[header.index("home_situation_median")] == "8"
    assert row[header.index("school_climate_median")] == "< 5"


def test_a_second_round_replaces_the_first_rather_than_mixing_with_it(world):
    """Rounds of one trajectory (scored again after a year): the latest scored round."""
    atlas, by = world["atlas"], world["by"]
    row = trajectory(atlas, by, 400, {"classmates": [2, 2, 2, 2, 2]}, scored_days_ago=390)
    started = datetime.now(timezone.utc) - timedelta(days=20)
    second = Round(trajectory_id=row.id, number=2, started_by_id=by.id, started_at=started)
    db.session.add(second)
    db.session.flush()
    for n in range(5):
        person = Participant(trajectory_id=row.id, round_id=second.id, group="team",
                             name=f"Member {n}", invited_by_id=by.id)
        db.session.add(person)
        db.session.flush()
        db.session.add(Score(participant_id=person.id, domain="classmates", score=8,
                             at=started + timedelta(days=1)))
    db.session.commit()
    shown = _row(region.overview(world["analyst"], today_local()), atlas)["wegwijzer"]
    assert shown["domains"]["classmates"] == 8
    assert shown["started_on"] == started.astimezone(AMSTERDAM).date()
