"""The factors page of a case: the team's view and, beside it, the young person's and the
parents' own words; adding, marking as no longer true, and the kinds of absence."""
from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from coordination.agreements.forms import VISIBILITY_LABELS
from coordination.factors import kinds, labels, services
from coordination.factors.forms import AbsenceKindsForm, EndForm, FactorForm, OwnFactorForm
from coordination.meetings import services as meetings
from coordination.rules.factors import KINDS
from coordination.tiers.labels import KIND_LABELS as ABSENCE_KIND_LABELS
from coordination.web import submit

bp = Blueprint("factors", __name__, url_prefix="/cases/<int:case_id>")


def _page(case_id, forms=None, status=200):
    """Render the page for the viewer; `forms` are forms sent back with their errors."""
    context = services.page(current_user, case_id)
    case = context["case"]
    context["links"] = meetings.factor_links(current_user, case)
    forms = forms or {}
    if context["viewer"] == "professional":
        kinds_form = forms.get("kinds") or AbsenceKindsForm(
            kinds=kinds.kinds_of(case), primary=case.absence_kind, formdata=None)
        context.update(
            factor_forms={k: (forms.get(k) or FactorForm(formdata=None)).prefixed(k)
                          for k in KINDS},
            kinds_form=kinds_form, kinds=kinds.kinds_of(case), template="factors/index.html")
    else:
        context.update(own_form=forms.get("own") or OwnFactorForm(formdata=None),
                       template="factors/family.html")
    return render_template(context.pop("template"), labels=labels, end_form=EndForm(formdata=None),
                           visibility_labels=VISIBILITY_LABELS,
                           absence_kind_labels=ABSENCE_KIND_LABELS, **context), status


def _back(case_id, anchor="factors-title"):
    return redirect(url_for("factors.index", case_id=case_id, _anchor=anchor))


def _submit(case_id, form, key, action, success):
    """Validate → service → back to the page; errors come back on the form (422)."""
    if submit(form, action, success):
        return _back(case_id)
    return _page(case_id, {key: form}, status=422)


@bp.route("/factors")
@login_required
def index(case_id):
    """:raise 404: the case is not visible."""
    return _page(case_id)


@bp.route("/factors", methods=["POST"])
@login_required
def add(case_id):
    """:raise 404: case not visible. :raise 403: not a professional on the case."""
    services.check_can_add(current_user, case_id)
    form = FactorForm()
    kind = form.kind.data if form.kind.data in KINDS else KINDS[0]
    return _submit(case_id, form, kind, lambda: services.add(
        current_user, case_id, form.kind.data, form.text.data, form.visibility.data,
        area=form.area.data, domain=form.domain.data, happened_on=form.happened_on.data),
        _("It is added to the picture."))


@bp.route("/factors/own", methods=["POST"])
@login_required
def add_own(case_id):
    """:raise 404: case not visible. :raise 403: not the young person or a parent on it."""
    services.check_can_add_own(current_user, case_id)
    form = OwnFactorForm()
    return _submit(case_id, form, "own", lambda: services.add_own(
        current_user, case_id, form.family_kind.data, form.text.data, form.visibility.data),
        _("Thank you. Your words are added."))


@bp.route("/factors/<int:factor_id>/end", methods=["POST"])
@login_required
def end(case_id, factor_id):
    """:raise 404: not visible. :raise 403: family marking someone else's item."""
    services.check_can_end(current_user, case_id, factor_id)
    form = EndForm()
    if not form.validate_on_submit():
        return _page(case_id, status=422)
    submit(None, lambda: services.end(current_user, case_id, factor_id, form.reason.data),
           _("Marked as no longer true. It stays in the history."))
    return _back(case_id)


@bp.route("/absence-kinds", methods=["POST"])
@login_required
def absence_kinds(case_id):
    """:raise 404: not visible. :raise 403: not the coordinator."""
    kinds.check_can_choose(current_user, case_id)
    form = AbsenceKindsForm()
    return _submit(case_id, form, "kinds", lambda: kinds.choose(
        current_user, case_id, form.kinds.data, form.primary.data),
        _("The kinds of absence are recorded."))


bp.add_app_template_global(labels, "factor_labels")
