"""What the search tests share."""

import re


def result_titles(response) -> list[str]:
    html = response.content.decode()
    return [
        re.sub(r"&#x27;", "'", title)
        for title in re.findall(
            r'class="(?:search-result|card)__title"[^>]*><a [^>]*>([^<]*)<', html
        )
    ]
