def test_login_page_renders_in_dutch_by_default(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'lang="nl"' in response.get_data(as_text=True)
