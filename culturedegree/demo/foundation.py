"""The foundation of the demo data: locales, the site and its home page, demo accounts."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from culturedegree.models import HomePage, User

DEMO_ADMIN_EMAIL = "admin@culturedegree.test"
DEMO_ADMIN_PASSWORD = "culture-admin-2026"  # noqa: S105 - printed for the demo, on purpose
DEMO_LEARNER_EMAIL = "learner@culturedegree.test"
DEMO_LEARNER_PASSWORD = "culture-learner-2026"  # noqa: S105


@dataclass
class DemoAccount:
    role: str
    email: str
    password: str


def ensure_locales() -> dict[str, Locale]:
    return {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }


@transaction.atomic
def ensure_tree_roots() -> None:
    """Wagtail's root page and root collection. Its migrations make them; a database emptied
    by hand (or by a transactional test, which truncates every table) lacks them."""
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def ensure_home_page() -> HomePage:
    """The site's root: a HomePage replacing Wagtail's welcome page, bound to the default Site."""
    ensure_tree_roots()
    locale = Locale.get_default()
    for welcome_page in Page.objects.filter(depth=2, content_type__model="page"):
        welcome_page.delete()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(
                title="Culture Degree",
                slug="home",
                locale=locale,
                intro="<p>Degree-like paths through the world's cultures.</p>",
            )
        )
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, root_page=home)
    # Full page URLs (the content API's html_url, sitemaps) name the real site.
    address = urlsplit(settings.SITE_URL)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or (443 if address.scheme == "https" else 80)
    site.root_page = home
    site.site_name = "Culture Degree"
    site.save()
    return home


def ensure_user(email: str, password: str, **fields) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=password, **fields)
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def ensure_demo_accounts() -> list[DemoAccount]:
    ensure_user(
        DEMO_ADMIN_EMAIL,
        DEMO_ADMIN_PASSWORD,
        name="Demo Administrator",
        is_staff=True,
        is_superuser=True,
    )
    ensure_user(DEMO_LEARNER_EMAIL, DEMO_LEARNER_PASSWORD, name="Demo Learner")
    return [
        DemoAccount("admin", DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD),
        DemoAccount("learner", DEMO_LEARNER_EMAIL, DEMO_LEARNER_PASSWORD),
    ]


# Editorial roles. Editors write and submit, Reviewers approve and publish, Instructors
# write for their subject and follow what learners do. Page permissions are granted on the
# catalog, so no one outside the superusers can touch the home page or other sites.
EDITORIAL_PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "lock_page", "unlock_page"],
    "Reviewers": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Instructors": ["add_page", "change_page"],
}
EDITORIAL_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
    "wagtailmedia": ["add_media", "change_media", "choose_media"],
}
# Assessments (snippets): who may do what; which ones follows their page permissions
# (learning.assessments.authoring: the modules they may edit).
EDITORIAL_ASSESSMENT_PERMISSIONS = {
    "Editors": ["add_assessment", "change_assessment"],
    "Reviewers": ["add_assessment", "change_assessment", "publish_assessment"],
    "Instructors": ["add_assessment", "change_assessment"],
}
# Editors and Reviewers may send pages for translation from the admin.
TRANSLATOR_GROUPS = {"Editors", "Reviewers"}
REVIEW_WORKFLOW_NAME = "Content review"
REVIEW_TASK_NAME = "Reviewer approval"
DEMO_EDITOR_EMAIL = "editor@culturedegree.test"
DEMO_EDITOR_PASSWORD = "culture-editor-2026"  # noqa: S105 - printed for the demo, on purpose
DEMO_REVIEWER_EMAIL = "reviewer@culturedegree.test"
DEMO_REVIEWER_PASSWORD = "culture-reviewer-2026"  # noqa: S105


@transaction.atomic
def ensure_editorial_groups(*, catalog: Page) -> dict:
    """Editors, Reviewers and Instructors with page permissions on `catalog` and its subtree.

    Translations of the catalog live in other trees (one per language); they get the same
    permissions, so translators can work there.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

    groups = {}
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    root_collection = Collection.get_first_root_node()
    catalogs = list(catalog.get_translations(inclusive=True))
    for name, codenames in EDITORIAL_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access)
        if name in TRANSLATOR_GROUPS:
            group.permissions.add(
                Permission.objects.get(
                    content_type__app_label="wagtail_localize", codename="submit_translation"
                )
            )
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="learning",
                codename__in=EDITORIAL_ASSESSMENT_PERMISSIONS[name],
            )
        )
        # Wagtail's first migration creates an "Editors" group with rights on the root page.
        GroupPagePermission.objects.filter(group=group).exclude(page__in=catalogs).delete()
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            for page in catalogs:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
        for app_label, collection_codenames in EDITORIAL_COLLECTION_PERMISSIONS.items():
            for codename in collection_codenames:
                permission = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection, permission=permission
                    )
        groups[name] = group
    return groups


@transaction.atomic
def ensure_review_workflow(*, catalog: Page, reviewers) -> "Workflow":  # noqa: F821
    """Editors submit; Reviewers approve, which publishes. Applies to the whole catalog."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in catalog.get_translations(inclusive=True):
        WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def ensure_editorial_accounts(groups: dict) -> list[DemoAccount]:
    editor = ensure_user(DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD, name="Demo Editor", is_staff=True)
    editor.groups.add(groups["Editors"])
    reviewer = ensure_user(
        DEMO_REVIEWER_EMAIL, DEMO_REVIEWER_PASSWORD, name="Demo Reviewer", is_staff=True
    )
    reviewer.groups.add(groups["Reviewers"])
    return [
        DemoAccount("editor", DEMO_EDITOR_EMAIL, DEMO_EDITOR_PASSWORD),
        DemoAccount("reviewer", DEMO_REVIEWER_EMAIL, DEMO_REVIEWER_PASSWORD),
    ]


INSTRUCTOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


@transaction.atomic
def ensure_program_instructors(*, program: Page):
    """The Instructors group of one program: writes in its subtree (and its translations) and
    follows its learners in the Enrollments report, and nothing of other programs."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group, _ = Group.objects.get_or_create(name=f"Instructors · {program.title}"[:150])
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="learning", codename="view_enrollment"),
        # Authoring the program's assessments only (learning.assessments.authoring).
        *Permission.objects.filter(
            content_type__app_label="learning",
            codename__in=EDITORIAL_ASSESSMENT_PERMISSIONS["Instructors"],
        ),
    )
    for page in program.get_translations(inclusive=True):
        for codename in INSTRUCTOR_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    return group
