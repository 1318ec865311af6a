def test_home_page_is_served_under_the_language_prefix(client, site):
    response = client.get("/en/")
    assert response.status_code == 200
    assert b"Culture Degree" in response.content


def test_root_redirects_to_a_language(client, site):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
