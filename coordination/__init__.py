"""Regie: case coordination around students who stop going to school."""
from pathlib import Path

from flask import Flask

from config import INSTANCE_DIR, load_config

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    app = Flask(
        __name__,
        instance_path=str(INSTANCE_DIR),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    load_config(app, test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    register_extensions(app)
    register_input_checks(app)
    register_blueprints(app)
    register_security(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app):
    from coordination import i18n, models  # noqa: F401  (the whole schema, for Alembic)
    from coordination.accounts import sessions
    from coordination.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    sessions.init_login(app, login_manager)
    i18n.init_app(app)
    from coordination import database, querycount

    database.init_app(app)
    querycount.init_app(app)


def register_input_checks(app):
    from coordination import fields, validation

    validation.init_app(app)
    fields.install_html_params()
    app.jinja_env.globals["field_html"] = fields.field


def register_blueprints(app):
    from coordination.accounts.views import bp as accounts_bp
    from coordination.admin.views import bp as admin_bp
    from coordination.agreements.views import bp as agreements_bp
    from coordination.api import bp as api_bp
    from coordination.attendance.views import bp as attendance_bp
    from coordination.audit.views import bp as audit_bp
    from coordination.cases.views import bp as cases_bp
    from coordination.factors.views import bp as factors_bp
    from coordination.followup.views import bp as followup_bp
    from coordination.health import bp as health_bp
    from coordination.meetings.views import bp as meetings_bp
    from coordination.notifications import views as notifications
    from coordination.portal.views import bp as portal_bp
    from coordination.privacy.views import bp as privacy_bp
    from coordination.region.views import bp as region_bp
    from coordination.schools.views import bp as schools_bp
    from coordination.students.views import bp as students_bp
    from coordination.suspensions.views import bp as suspensions_bp
    from coordination.tiers.views import bp as tiers_bp
    from coordination.visits.views import bp as visits_bp
    from coordination.wegwijzer.views import bp as wegwijzer_bp
    from coordination.worklist.views import bp as worklist_bp

    for bp in (accounts_bp, admin_bp, cases_bp, agreements_bp, meetings_bp, portal_bp,
               students_bp, attendance_bp, tiers_bp, notifications.bp, visits_bp, followup_bp,
               audit_bp, privacy_bp, api_bp, worklist_bp, health_bp, schools_bp, region_bp,
               suspensions_bp, factors_bp, wegwijzer_bp):
        app.register_blueprint(bp)
    notifications.init_app(app)
    if app.config["REGIE_ENV"] == "development":  # the mail catcher's page, nowhere else
        from coordination.mail.views import bp as mailbox_bp

        app.register_blueprint(mailbox_bp)


def register_security(app):
    from coordination import security

    security.init_app(app)


def register_errorhandlers(app):
    from coordination import errors

    errors.init_app(app)


def register_commands(app):
    from coordination import cli

    cli.init_app(app)
