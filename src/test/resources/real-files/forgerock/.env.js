const AM_URL = 'https://forgerock.crbrl.io/am'; // (include the /am)
const DEBUGGER_OFF = true;
const DEVELOPMENT = true;
const API_URL = 'https://api.example.com:9443'; // (your resource API server's URL)
const JOURNEY_LOGIN = 'Login'; // (name of journey/tree for Login)
const REALM_PATH = 'alpha';
const PORT = '9443';

// Source: github.com/ForgeRock/forgerock-flutter-sample, .env.js (commit 19d1c5cc), trimmed.
export {
    API_URL,
    AM_URL,
    DEBUGGER_OFF,
    DEVELOPMENT,
    JOURNEY_LOGIN,
    REALM_PATH,
    PORT
}
