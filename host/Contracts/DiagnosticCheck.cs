namespace Dislocate.Contracts;

/// <summary>One finding of <c>dislocate doctor</c>: what was checked, whether it works, what was found and how to fix it.</summary>
/// <param name="Name">What was checked, e.g. <c>ONNX Runtime</c>.</param>
/// <param name="Ok">Whether it works.</param>
/// <param name="Detail">What was found (a version, a path) or what went wrong.</param>
/// <param name="Fix">What to do when it does not work; null when nothing is needed.</param>
/// <param name="Required">False for what only some uses need (Java and a display for ImageJ); a failed optional check does not fail the doctor.</param>
public sealed record DiagnosticCheck(string Name, bool Ok, string Detail, string? Fix = null, bool Required = true);
