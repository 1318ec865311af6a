from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the admin's user forms fitted to our User model."""

    user_viewset = "culturedegree.viewsets.UserViewSet"

    def ready(self):
        super().ready()
        from wagtail.admin.views.account import NameEmailSettingsPanel

        from culturedegree.viewsets import AdminNameForm

        # Wagtail builds this panel itself with no setting to swap its form, and its form
        # requires first and last names that our User does not have.
        NameEmailSettingsPanel.form_class = AdminNameForm
