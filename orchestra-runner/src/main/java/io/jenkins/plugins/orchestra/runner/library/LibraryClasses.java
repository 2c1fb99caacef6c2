package io.jenkins.plugins.orchestra.runner.library;

import groovy.lang.GroovyObjectSupport;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * The value of the {@code library} step: the loaded libraries' classes, reached without an import, which a library
 * loaded while the Jenkinsfile runs cannot have. {@code lib.com.acme} is a package, {@code lib.com.acme.Version} a
 * class, {@code .new(…)} its constructor, any other call a static method, any other property a static field.
 */
final class LibraryClasses extends GroovyObjectSupport {
    private final SharedLibraries libraries;
    private final String prefix;
    private final Class<?> type;

    LibraryClasses(SharedLibraries libraries, String prefix, Class<?> type) {
        this.libraries = libraries;
        this.prefix = prefix;
        this.type = type;
    }

    @Override
    public Object getProperty(String property) {
        if (type != null) {
            try {
                return InvokerHelper.getProperty(type, property);
            } catch (MissingPropertyException e) {
                // not a static field: perhaps a nested class
            }
        }
        if (Character.isUpperCase(property.charAt(0))) {
            String className = type != null ? type.getName() + "$" + property : prefix + property;
            return new LibraryClasses(libraries, prefix, libraries.loadClass(className));
        }
        if (type != null) {
            throw new MissingPropertyException(property, type);
        }
        return new LibraryClasses(libraries, prefix + property + ".", null);
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        Object[] arguments = args instanceof Object[] array ? array : new Object[] {args};
        if (type == null) {
            throw new MissingMethodException(name, LibraryClasses.class, arguments);
        }
        return "new".equals(name)
                ? InvokerHelper.invokeConstructorOf(type, arguments)
                : InvokerHelper.invokeStaticMethod(type, name, arguments);
    }

    @Override
    public String toString() {
        return type != null ? type.getName() : "package " + prefix;
    }
}
