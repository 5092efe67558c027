// Which WebGL renderer the benchmark's Chromium really uses (SwiftShader, or the GPU), so a 3-D
// frame rate is never reported under the wrong device. Launches it as e2e/support/browser.ts does
// (PRUNELENS_BROWSER_GL picks the backend) and prints the unmasked renderer string.
//   node --import tsx tools/device/gl-renderer.ts
import { launchBrowser } from '../../e2e/support/browser';

const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  const info = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return { renderer: 'no WebGL2 context', vendor: '' };
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return { renderer: String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)), vendor: String(gl.getParameter(ext ? ext.UNMASKED_VENDOR_WEBGL : gl.VENDOR)) };
  });
  console.log(`WebGL2 renderer: ${info.renderer} (${info.vendor}); backend ${process.env.PRUNELENS_BROWSER_GL ?? 'swiftshader'}`);
  if (process.env.PRUNELENS_BROWSER_GL && /swiftshader|llvmpipe|software/i.test(info.renderer)) process.exitCode = 1;
} finally {
  await browser.close();
}
