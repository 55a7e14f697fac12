// Material for MkDocs: partials/javascripts/content.html, moved out of the page so that the CSP
// allows no inline script. tests/test_security.py checks that it matches the installed theme.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
