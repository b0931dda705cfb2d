export { isDay, IsDay, IfPresent, IsCountryCode, toBoolean } from '#rally/core';
