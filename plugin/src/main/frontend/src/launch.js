// SMART EHR launch: discovery and redirect to the EHR's authorisation endpoint (see panel.js).
'use strict';

document.addEventListener('DOMContentLoaded', () => {
  window.RapportPanel.launch(new URLSearchParams(window.location.search)).catch((e) => {
    const status = document.getElementById('status');
    status.className = 'banner error';
    status.textContent = e instanceof TypeError ? 'Rapport could not be reached. Check the network and try again.' : e.message;
  });
});
