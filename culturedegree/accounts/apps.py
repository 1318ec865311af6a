from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with the admin's user forms fitted to our User model."""

    user_viewset = "culturedegree.viewsets.UserViewSet"
