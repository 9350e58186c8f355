// Decap CMS starts itself when its bundle loads, unless told not to: cms.js registers the
// project's YAML format first and then starts it (a file, as the page allows no inline
// script).
window.CMS_MANUAL_INIT = true;
