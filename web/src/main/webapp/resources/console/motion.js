/*
 * Honour the operating system's "reduce motion" setting (WCAG 2.1, success criterion 2.3.3):
 * drop-down panels, dialogs and messages appear and go at once instead of sliding or fading.
 */
if (window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
    PrimeFaces.utils.disableAnimations();
}
