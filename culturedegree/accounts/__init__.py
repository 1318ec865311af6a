"""Users and authentication: allauth adapters, the profile page, avatars, OIDC providers."""
