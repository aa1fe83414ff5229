package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/openapi3gen"
	"github.com/getkin/kin-openapi/routers"
	"github.com/labstack/echo/v4"

	"github.com/shiftplan/shiftplan/scheduling"
)

// apiSpec is the OpenAPI 3.0 document of /api/v1, generated from the route
// table and the request and response types, and the per-route validators
// that check every request against it.
type apiSpec struct {
	doc    *openapi3.T
	json   []byte
	routes map[string]*routers.Route // by method + " " + Echo path
}

var echoParam = regexp.MustCompile(`:([A-Za-z]+)`)

// queryParam documents a query parameter.
func queryParam(name string) *openapi3.ParameterRef {
	schema := openapi3.NewStringSchema()
	desc := ""
	switch name {
	case "limit":
		schema = openapi3.NewIntegerSchema().WithMin(1).WithMax(maxLimit)
		desc = fmt.Sprintf("page size (default %d)", defaultLimit)
	case "cursor":
		desc = "next_cursor of the previous page"
	case "from", "to":
		desc = "date YYYY-MM-DD (local to the site) or RFC 3339 time; the range is [from, to)"
	case "format":
		schema = openapi3.NewStringSchema().WithEnum("csv", "xlsx", "json")
	case "force", "unread":
		schema = openapi3.NewStringSchema().WithEnum("true", "false")
	}
	p := openapi3.NewQueryParameter(name).WithSchema(schema)
	p.Description = desc
	return &openapi3.ParameterRef{Value: p}
}

// schemaOf generates a schema for v's type; top-level fields tagged
// required:"true" are required.
func schemaOf(v any) *openapi3.SchemaRef {
	ref, err := openapi3gen.NewSchemaRefForValue(v, nil)
	if err != nil {
		panic(fmt.Sprintf("api: schema of %T: %v", v, err))
	}
	t := reflect.TypeOf(v)
	if t.Kind() == reflect.Struct && ref.Value != nil {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if f.Tag.Get("required") == "true" {
				ref.Value.Required = append(ref.Value.Required, strings.Split(f.Tag.Get("json"), ",")[0])
			}
		}
	}
	return ref
}

func buildSpec(version string, table []route) *apiSpec {
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info: &openapi3.Info{Title: "shiftplan API", Version: version,
			Description: "Workforce management for contact centres. JSON, RFC 3339 times, string IDs. " +
				"Browsers log in with POST /auth/login (session cookie) and send X-CSRF-Token on unsafe requests; " +
				"integrations send Authorization: Bearer <token>."},
		Servers: openapi3.Servers{{URL: "/api/v1"}},
		Paths:   openapi3.NewPaths(),
		Components: &openapi3.Components{
			SecuritySchemes: openapi3.SecuritySchemes{
				"session": {Value: openapi3.NewSecurityScheme().WithType("apiKey").WithIn("cookie").WithName(SessionCookie)},
				"bearer":  {Value: openapi3.NewJWTSecurityScheme().WithBearerFormat("opaque")},
			},
			Schemas: openapi3.Schemas{"Error": schemaOf(ErrorBody{})},
		},
	}
	spec := &apiSpec{doc: doc, routes: map[string]*routers.Route{}}
	errSchema := doc.Components.Schemas["Error"]
	errResp := func(desc string) *openapi3.ResponseRef {
		return &openapi3.ResponseRef{Value: openapi3.NewResponse().WithDescription(desc).
			WithContent(openapi3.NewContentWithJSONSchemaRef(errSchema))}
	}
	secured := openapi3.SecurityRequirements{{"session": {}}, {"bearer": {}}}
	for _, r := range table {
		path := echoParam.ReplaceAllString(r.path, "{$1}")
		if path == "" {
			path = "/"
		}
		op := openapi3.NewOperation()
		op.Summary = r.summary
		op.OperationID = strings.ToLower(r.method) + strings.NewReplacer("/", "_", "{", "", "}", "", "-", "_", ".", "_").Replace(path)
		if !r.public {
			op.Security = &secured
		} else {
			op.Security = &openapi3.SecurityRequirements{}
		}
		for _, m := range echoParam.FindAllStringSubmatch(r.path, -1) {
			op.AddParameter(openapi3.NewPathParameter(m[1]).WithSchema(openapi3.NewStringSchema()))
		}
		for _, name := range r.query {
			op.Parameters = append(op.Parameters, queryParam(name))
		}
		switch {
		case r.body != nil:
			op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(false).
				WithContent(openapi3.NewContentWithJSONSchemaRef(schemaOf(r.body)))}
		case r.upload:
			file := openapi3.NewObjectSchema().WithProperty("file", openapi3.NewStringSchema().WithFormat("binary"))
			op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(true).WithContent(openapi3.Content{
				"text/csv":            openapi3.NewMediaType().WithSchema(openapi3.NewStringSchema()),
				"multipart/form-data": openapi3.NewMediaType().WithSchema(file),
			})}
		case r.raw:
			op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(true).
				WithJSONSchema(openapi3.NewObjectSchema())}
		}
		status := r.status
		if status == 0 {
			status = http.StatusOK
		}
		ok := openapi3.NewResponse().WithDescription(http.StatusText(status))
		if r.resp != nil {
			ok = ok.WithContent(openapi3.NewContentWithJSONSchemaRef(schemaOf(r.resp)))
		}
		op.AddResponse(status, ok)
		op.Responses.Set("4XX", errResp("bad request, unauthenticated, forbidden, not found, conflict, stale version (412) or invalid input (422)"))
		op.Responses.Set("500", errResp("internal error (with a request id)"))
		doc.AddOperation(path, r.method, op)
		spec.routes[r.method+" "+r.path] = &routers.Route{Spec: doc, Path: path, PathItem: doc.Paths.Value(path), Method: r.method, Operation: op}
	}
	if err := doc.Validate(openapi3.NewLoader().Context); err != nil {
		panic("api: the generated OpenAPI document is invalid: " + err.Error())
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic("api: encode OpenAPI document: " + err.Error())
	}
	spec.json = b
	return spec
}

func (s *Server) openAPI(c echo.Context) error {
	return c.JSONBlob(http.StatusOK, s.spec.json)
}

// validator checks a request against the route's operation: path and query
// parameters and the JSON body. Problems are a 422 listing each field.
func (sp *apiSpec) validator(r route) echo.MiddlewareFunc {
	rt := sp.routes[r.method+" "+r.path]
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true,
		ExcludeRequestBody: r.upload || r.raw}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			params := map[string]string{}
			for i, n := range c.ParamNames() {
				params[n] = c.ParamValues()[i]
			}
			req := c.Request()
			if r.body != nil && req.ContentLength == 0 && req.Body != nil && req.Header.Get(echo.HeaderContentType) == "" {
				// An empty body is allowed where every field is optional;
				// the handler decides.
				return next(c)
			}
			in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: rt, Options: opts}
			if err := openapi3filter.ValidateRequest(req.Context(), in); err != nil {
				return specError(err)
			}
			return next(c)
		}
	}
}

// specError turns validation errors into the API's field errors: one per
// problem, named by the parameter or the body's JSON path.
func specError(err error) error {
	v := &scheduling.ValidationError{}
	var add func(field string, err error)
	add = func(field string, err error) {
		switch e := err.(type) {
		case openapi3.MultiError:
			for _, x := range e {
				add(field, x)
			}
		case *openapi3filter.RequestError:
			if e.Parameter != nil {
				field = e.Parameter.Name
			}
			if e.Err == nil {
				v.Add(field, "%s", e.Reason)
				return
			}
			add(field, e.Err)
		case *openapi3.SchemaError:
			f := field
			if p := e.JSONPointer(); len(p) > 0 && field == "body" {
				f = strings.Join(p, ".")
			}
			if se, ok := e.Origin.(*openapi3.SchemaError); ok && e.Reason == "" {
				add(field, se)
				return
			}
			v.Add(f, "%s", e.Reason)
		case *openapi3filter.ParseError:
			var se *json.SyntaxError
			switch {
			case errors.As(e.Cause, &se):
				v.Add(field, "malformed JSON at byte %d", se.Offset)
			case errors.Is(e.Cause, io.ErrUnexpectedEOF):
				v.Add(field, "malformed JSON: it ends before its last value does")
			case e.Reason != "":
				v.Add(field, "%s", e.Reason)
			case e.Cause != nil:
				add(field, e.Cause)
			default:
				v.Add(field, "%v", e)
			}
		default:
			if u := errors.Unwrap(err); u != nil {
				add(field, u)
				return
			}
			v.Add(field, "%v", err)
		}
	}
	add("body", err)
	return v
}
